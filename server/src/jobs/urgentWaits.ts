// An urgent survivor ("in immediate danger" at intake) who has waited longer than the configured time with no
// volunteer free adds `urgent_waiting` to their alert, so a supervisor knows someone in danger is not being reached.
import type { WorkSignal } from '../db/workSignals.js';
import type { Services } from '../domain/core/services.js';
import { overdueUrgentEntries, raiseAlert } from '../domain/moderation/alerts.js';
import { errorFields } from '../logger.js';

/** The longest it sleeps while someone urgent waits (a clock that jumps, an entry seen on another node). */
const CHECK_MS = 15_000;

/**
 * Sleeps until the next urgent wait falls due; with nobody urgent waiting it sleeps until a `matching` work signal
 * says someone joined the queue (any node), so an idle node runs no check.
 */
export class UrgentWaitWatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private again = false;

  constructor(private readonly deps: Pick<Services, 'db' | 'clock' | 'live' | 'logger' | 'config'>) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.tick();
  }

  onSignal(signal: WorkSignal): void {
    if (!this.started || (signal !== 'matching' && signal !== 'resync')) return;
    if (this.running) this.again = true;
    else if (!this.timer || signal === 'resync') void this.tick();
  }

  get parked(): boolean {
    return this.started && !this.timer && !this.running;
  }

  tick(): Promise<void> {
    const { db, clock, logger, config } = this.deps;
    const limitMs = config.timing.urgentWaitAlertSeconds * 1000;
    this.running ??= (async () => {
      let next: Date | null = null;
      let failed = false;
      try {
        do {
          this.again = false;
          const { due, next: nextQueuedAt } = await overdueUrgentEntries(db, new Date(clock.now().getTime() - limitMs));
          for (const id of due) await raiseAlert(this.deps, { queueEntryId: id, kind: 'urgent_waiting', imminent: true });
          next = nextQueuedAt ? new Date(nextQueuedAt.getTime() + limitMs) : null;
        } while (this.again);
      } catch (err) {
        failed = true;
        logger.warn('alerts.urgent_wait_check_failed', errorFields(err));
      } finally {
        this.running = null;
      }
      this.schedule(next, failed);
    })();
    return this.running;
  }

  private schedule(next: Date | null, failed: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.started || (next === null && !failed)) return;
    const untilDue = next ? next.getTime() - this.deps.clock.now().getTime() : Infinity;
    const wait = failed ? CHECK_MS : Math.max(50, Math.min(CHECK_MS, untilDue + 5));
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
