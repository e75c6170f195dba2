// Wellbeing on shift: every `checkMs`, reminds each volunteer on shift for too long to take a break.
import type { BreakReminder } from '@beside/shared';
import type { Services } from '../domain/core/services.js';
import { claimDueBreakReminders } from '../domain/staff/breakReminders.js';
import { errorFields } from '../logger.js';

export class BreakReminderSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: Pick<Services, 'db' | 'clock' | 'live' | 'logger' | 'config'>) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.config.shifts.breakCheckMs);
    this.timer.unref();
  }

  /** One check now; overlapping calls share the one in flight. */
  tick(): Promise<void> {
    const { db, clock, live, logger, config } = this.deps;
    this.running ??= (async () => {
      try {
        for (const due of await claimDueBreakReminders(db, clock, config.shifts.breakReminderMinutes)) {
          const reminder: BreakReminder = { onShiftSince: due.shiftStartedAt.toISOString(), minutesOnShift: due.minutesOnShift };
          live.emit({ staff: [due.staffId] }, 'volunteer:break_reminder', reminder);
        }
      } catch (err) {
        logger.warn('shifts.break_check_failed', errorFields(err));
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
