// Whether a survivor could be answered now, asked before the intake: volunteers on shift for a language, or the next shift.
import type { Availability, Language } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import type { Clock } from '../core/clock.js';
import { nextShiftStartAt } from '../staff/schedule.js';
import { loadCapacitySnapshot } from './waitEstimate.js';

/** The same count as a waiting survivor's `volunteersOnShift` (on shift, connected, accepting, trained, active). */
export async function availabilityFor(db: Db, clock: Clock, language: Language, cooldownSeconds = 0): Promise<Availability> {
  // The queue's own snapshot (shared for 100 ms with a burst of estimates): the two counts cannot disagree.
  const snapshot = await loadCapacitySnapshot(db, clock, cooldownSeconds);
  const volunteersOnShift = snapshot.byLanguage.get(language)?.volunteers ?? 0;
  const next = volunteersOnShift === 0 ? await nextShiftStartAt(db, clock.now(), language) : undefined;
  return {
    language,
    volunteersOnShift,
    ...(next ? { nextShiftAt: next.toISOString() } : {}),
    at: clock.now().toISOString(),
  };
}
