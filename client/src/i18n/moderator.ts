// The moderator console's strings through the same language mechanism; English only for now.
import { useDictionary } from './index';
import { moderatorEn, type ModeratorMessages } from './moderator.en';

const moderatorDictionaries = { en: moderatorEn };

export function useModT(): ModeratorMessages {
  return useDictionary<ModeratorMessages>(moderatorDictionaries);
}
