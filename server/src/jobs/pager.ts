// Sends the pages that fall due (domain/moderation/paging.ts decides what is due and records each attempt).
import type { WorkSignal } from '../db/workSignals.js';
import type { Services } from '../domain/core/services.js';
import { claimDuePages, nextPageDue, sendPage } from '../domain/moderation/paging.js';
import { errorFields } from '../logger.js';

/** The longest sleep while a page waits (a clock that jumps, a missed signal); and after a failed look. */
const MAX_WAIT_MS = 60 * 60_000;
const FAILED_LOOK_WAIT_MS = 5_000;
const DUE_AGAIN_MS = 250;

/**
 * Sleeps until the next page falls due; while none is waiting it sleeps with no timer until a `paging` work
 * signal (a page scheduled or due for a retry, on this node or any other). Pending pages are rows, so a restarted
 * node finds them; several nodes claim each page once (`claimDuePages`). Never two looks at once on this node.
 */
export class Pager {
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
    if (!this.started || (signal !== 'paging' && signal !== 'resync')) return;
    if (this.running) this.again = true;
    else void this.tick();
  }

  /** Whether it sleeps with no timer at all (no page waiting). */
  get parked(): boolean {
    return this.started && !this.timer && !this.running;
  }

  /** One look now (send what is due), then the next one scheduled; overlapping calls share the one in flight. */
  tick(): Promise<void> {
    const { db, logger } = this.deps;
    this.running ??= (async () => {
      let next: Date | null = null;
      let failed = false;
      try {
        do {
          this.again = false;
          const due = await claimDuePages(this.deps);
          // Sent side by side: a receiver that hangs for its 5 s must not hold back another alert's page.
          const outcomes = await Promise.allSettled(due.map((page) => sendPage(this.deps, page)));
          for (const o of outcomes) if (o.status === 'rejected') logger.warn('paging.record_failed', errorFields(o.reason));
          if (due.length > 0) this.again = true;
          next = await nextPageDue(db);
        } while (this.again && this.started);
      } catch (err) {
        failed = true;
        logger.warn('paging.look_failed', errorFields(err));
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
    const wait = failed ? FAILED_LOOK_WAIT_MS : Math.min(MAX_WAIT_MS, untilDue > 0 ? untilDue + 5 : DUE_AGAIN_MS);
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
