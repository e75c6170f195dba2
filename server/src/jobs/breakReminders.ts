// Wellbeing on shift: reminds each volunteer on shift for too long to take a break, when the reminder falls due.
import type { BreakReminder } from '@beside/shared';
import type { Services } from '../domain/core/services.js';
import { claimDueBreakReminders, nextBreakReminderDue } from '../domain/staff/breakReminders.js';
import { DueJob } from './dueJob.js';

/**
 * Sleeps until the next reminder is due, checking at least every `breakCheckMs` while anyone is on shift (a clock
 * that jumps, a reminder claimed elsewhere); while nobody is on shift it sleeps until a `shift` work signal says
 * someone is (from this node or, on PostgreSQL, any other), so an idle node runs no check at all.
 */
export class BreakReminderSweeper extends DueJob {
  constructor(deps: Pick<Services, 'db' | 'clock' | 'live' | 'logger' | 'config'>) {
    const { breakCheckMs } = deps.config.shifts;
    super(
      deps,
      { wakesOn: ['shift'], wakeWhileWaiting: false, maxWaitMs: breakCheckMs, failedWaitMs: breakCheckMs, failureEvent: 'shifts.break_check_failed' },
      async () => {
        const { breakReminderMinutes } = deps.config.shifts;
        for (const due of await claimDueBreakReminders(deps.db, deps.clock, breakReminderMinutes)) {
          const reminder: BreakReminder = { onShiftSince: due.shiftStartedAt.toISOString(), minutesOnShift: due.minutesOnShift };
          deps.live.emit({ staff: [due.staffId] }, 'volunteer:break_reminder', reminder);
        }
        return { next: await nextBreakReminderDue(deps.db, breakReminderMinutes) };
      },
    );
  }
}
