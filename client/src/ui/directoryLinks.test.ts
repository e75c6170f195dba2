import { describe, expect, it } from 'vitest';
import { contactsFrom, linkSegments } from './directoryLinks';

const directory = contactsFrom([
  { phone: '800-656-4673', url: 'https://www.rainn.org', chatUrl: 'https://hotline.rainn.org/online' },
  { phone: '988', smsNumber: '988' },
  { smsNumber: '741741', smsKeyword: 'HOME', url: 'https://www.crisistextline.org' },
]);

describe('linking the directory’s numbers and sites in a message', () => {
  it('links its phone numbers in any common spelling, and only those', () => {
    expect(linkSegments('Call RAINN at 800-656-4673.', directory)).toEqual(['Call RAINN at ', { text: '800-656-4673', href: 'tel:800-656-4673'.replace(/-/g, '') }, '.']);
    expect(linkSegments('or 1 (800) 656-4673 any time', directory)[1]).toEqual({ text: '1 (800) 656-4673', href: 'tel:8006564673' });
    expect(linkSegments('You can call or text 988 now', directory)).toEqual(['You can call or text ', { text: '988', href: 'tel:988' }, ' now']);
    expect(linkSegments('call 911', directory)).toEqual(['call ', { text: '911', href: 'tel:911' }]);
  });

  it('links a texting number to a message with its keyword', () => {
    expect(linkSegments('Text HOME to 741741', directory)).toEqual(['Text HOME to ', { text: '741741', href: 'sms:741741?&body=HOME' }]);
  });

  it('links the directory’s sites, and no other', () => {
    expect(linkSegments('See rainn.org or evil.example', directory)).toEqual(['See ', { text: 'rainn.org', href: 'https://www.rainn.org/' }, ' or evil.example']);
  });

  it('leaves any other number as text: a phone number someone wrote, a date, a count', () => {
    for (const text of ['my number is 555-123-4567', 'on 2026-03-01', 'I have 2 kids', 'room 101']) {
      expect(linkSegments(text, directory)).toEqual([text]);
    }
  });
});
