// Words for supervisor shifts and paging (issue 13), in the staff member's language: oncall.words.ts.
import { useDictionary } from './index';
import { onCallEn, onCallEs, type OnCallWords } from './oncall.words';

export type { OnCallWords };

export const onCallDictionaries = { en: onCallEn, es: onCallEs };

export function useOnCallT(): OnCallWords {
  return useDictionary<OnCallWords>(onCallDictionaries);
}
