// The staff surfaces' strings through the same language mechanism; English only for now.
import { useDictionary } from './index';
import { staffEn, type StaffMessages } from './staff.en';

const staffDictionaries = { en: staffEn };

export function useStaffT(): StaffMessages {
  return useDictionary<StaffMessages>(staffDictionaries);
}
