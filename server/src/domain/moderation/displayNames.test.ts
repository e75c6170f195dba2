// Display names with contact details are refused (the check behind invite acceptance, admin edits and first setup).
import { describe, expect, it } from 'vitest';
import { assertDisplayNameWithoutContact } from './displayNames.js';

describe('assertDisplayNameWithoutContact', () => {
  it('refuses names that hold a phone number, an e-mail, a handle or a link, however they are written', () => {
    for (const name of ['Ada 555 123 4567', 'ada@gmail.com', 'Ada – insta: ada.helps', 'Ada t。me/adahelps', 'Ada ٥٥٥١٢٣٤٥٦٧', 'ada at gmail dot com']) {
      expect(() => assertDisplayNameWithoutContact(name), name).toThrow(expect.objectContaining({ code: 'invalid', field: 'displayName' }));
    }
  });

  it('accepts ordinary names', () => {
    for (const name of ['Ada', 'Ana-María R.', 'Dr. Lee', 'J.R.', 'Robin 2', 'Sam (they/them)', 'Noor al-Hassan']) {
      expect(() => assertDisplayNameWithoutContact(name), name).not.toThrow();
    }
  });
});
