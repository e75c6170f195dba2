import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { describeWhen } from './when';

// Local times: the test builds them from the runner's own time zone, as the page does from the device's.
const now = new Date(2026, 2, 4, 9, 45);
const at = (dayOffset: number, hour: number) => new Date(2026, 2, 4 + dayOffset, hour, 0).toISOString();

describe('describeWhen', () => {
  it('always names the day, and says today or tomorrow when it is', () => {
    expect(describeWhen(at(0, 18), 'en-US', en.when, now)).toBe('today at 6:00 PM');
    expect(describeWhen(at(1, 18), 'en-US', en.when, now)).toBe('tomorrow at 6:00 PM');
    expect(describeWhen(at(2, 18), 'en-US', en.when, now)).toBe('on Friday at 6:00 PM');
    expect(describeWhen(at(9, 18), 'en-US', en.when, now)).toBe('on Friday, March 13 at 6:00 PM');
  });

  it('speaks Spanish in Spanish', () => {
    expect(describeWhen(at(0, 18), 'es', es.when, now)).toBe('hoy a las 18:00');
    expect(describeWhen(at(1, 18), 'es', es.when, now)).toBe('mañana a las 18:00');
    expect(describeWhen(at(2, 18), 'es', es.when, now)).toBe('el viernes a las 18:00');
  });

  it('gives nothing for a date it cannot read', () => {
    expect(describeWhen('not a date', 'en', en.when, now)).toBeUndefined();
  });
});
