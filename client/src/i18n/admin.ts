// The admin pages' strings through the same language mechanism; English only for now.
import { useDictionary } from './index';
import { adminEn, type AdminMessages } from './admin.en';

const adminDictionaries = { en: adminEn };

export function useAdminT(): AdminMessages {
  return useDictionary<AdminMessages>(adminDictionaries);
}
