// Wellbeing on shift: reminds each volunteer on shift for too long to take a break, when the reminder falls due.
import type { BreakReminder } from '@beside/shared';
import type { WorkSignal } from '../db/workSignals.js';
import type { Services } from '../domain/core/services.js';
import { claimDueBreakReminders, nextBreakReminderDue } from '../domain/staff/breakReminders.js';
import { errorFields } from '../logger.js';

const DUE_AGAIN_MS = 250;

/**
 * Sleeps until the next reminder is due, checking at least every `breakCheckMs` while anyone is on shift (a clock
 * that jumps, a reminder claimed elsewhere); while nobody is on shift it sleeps until a `shift` work signal says
 * someone is (from this node or, on PostgreSQL, any other), so an idle node runs no check at all.
 */
export class BreakReminderSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  /** A signal arrived while a check ran: look again once it is done. */
  private again = false;

  constructor(private readonly deps: Pick<Services, 'db' | 'clock' | 'live' | 'logger' | 'config'>) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.tick();
  }

  /** Someone came on shift (or signals may have been missed): a parked sweeper looks now. */
  onSignal(signal: WorkSignal): void {
    if (!this.started || (signal !== 'shift' && signal !== 'resync')) return;
    if (this.running) this.again = true;
    else if (!this.timer || signal === 'resync') void this.tick();
  }

  /** Whether it sleeps with no timer at all (nobody on shift); the idle test reads it. */
  get parked(): boolean {
    return this.started && !this.timer && !this.running;
  }

  /** One check now, then the next one scheduled; overlapping calls share the one in flight. */
  tick(): Promise<void> {
    const { db, clock, live, logger, config } = this.deps;
    this.running ??= (async () => {
      let next: Date | null = null;
      let failed = false;
      try {
        do {
          this.again = false;
          for (const due of await claimDueBreakReminders(db, clock, config.shifts.breakReminderMinutes)) {
            const reminder: BreakReminder = { onShiftSince: due.shiftStartedAt.toISOString(), minutesOnShift: due.minutesOnShift };
            live.emit({ staff: [due.staffId] }, 'volunteer:break_reminder', reminder);
          }
          next = await nextBreakReminderDue(db, config.shifts.breakReminderMinutes);
        } while (this.again);
      } catch (err) {
        failed = true;
        logger.warn('shifts.break_check_failed', errorFields(err));
      } finally {
        this.running = null;
      }
      // A failed check (the database away) is retried on the longest wait.
      this.schedule(next, failed);
    })();
    return this.running;
  }

  private schedule(next: Date | null, failed: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.started || (next === null && !failed)) return;
    const { clock, config } = this.deps;
    const untilDue = next ? next.getTime() - clock.now().getTime() : Infinity;
    // Due already (it fell due between the claim and the look): soon, but never a busy loop.
    const wait = failed ? config.shifts.breakCheckMs : Math.min(config.shifts.breakCheckMs, untilDue > 0 ? untilDue + 5 : DUE_AGAIN_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, wait);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
