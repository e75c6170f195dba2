// Transcript retention: sweeps expired transcripts when they fall due (domain/privacy/retention.ts decides what expires).
import type { Db } from '../db/connect.js';
import type { WorkSignal } from '../db/workSignals.js';
import type { Clock } from '../domain/core/clock.js';
import { nextRetentionDue, sweepExpiredTranscripts, type RetentionResult } from '../domain/privacy/retention.js';
import { errorFields, type Logger } from '../logger.js';

const STARTUP_SWEEP_DELAY_MS = 5_000;

/**
 * Runs the retention sweep once soon after start-up (so that a node restarted more often than the interval still
 * sweeps), then when the next transcript or address falls due, and at least every `sweepMs` while anything is kept
 * that could (a clock that jumps, a purge that failed). While nothing could expire it sleeps with no timer until a
 * `retention` work signal (a chat ended, a review closed, a visitor arrived: here or on any node). Never two sweeps
 * at once on this node.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private started = false;
  /** A signal arrived while a sweep or a look ran: look again once it is done. */
  private again = false;
  private looking = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { retentionHours: number; sweepMs: number },
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.arm(Math.min(this.opts.sweepMs, STARTUP_SWEEP_DELAY_MS));
  }

  /** Something may now expire (or signals were missed): a parked job looks when it falls due. */
  onSignal(signal: WorkSignal): void {
    if (!this.started || (signal !== 'retention' && signal !== 'resync')) return;
    if (this.looking) this.again = true;
    else if (this.pending > 0) return; // the sweep in flight schedules the next when it ends
    else if (!this.timer || signal === 'resync') void this.scheduleNext();
  }

  /** Whether it sleeps with no timer at all (nothing kept could expire); the idle test reads it. */
  get parked(): boolean {
    return this.started && !this.timer && this.pending === 0 && !this.looking;
  }

  /** A sweep as of the clock's now, after any sweep in progress has finished. */
  runOnce(): Promise<RetentionResult> {
    this.pending += 1;
    const run = this.chain.then(() => sweepExpiredTranscripts(this.db, this.clock, this.logger, this.opts.retentionHours));
    this.chain = run
      .catch(() => undefined)
      .finally(() => {
        this.pending -= 1;
        // Whoever asked for it, the last sweep in flight schedules the next.
        if (this.pending === 0) void this.scheduleNext();
      });
    return run;
  }

  private arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // A sweep still running (a long backlog, or one a caller asked for) is not queued behind: it schedules the next.
      if (this.pending > 0) return;
      this.runOnce().catch((err: unknown) => this.logger.warn('retention.sweep_failed', errorFields(err)));
    }, ms);
    this.timer.unref();
  }

  /** Reads when the next sweep has work and sleeps until then (at most `sweepMs`), or parks. */
  private async scheduleNext(): Promise<void> {
    if (!this.started || this.looking) return;
    this.looking = true;
    let due: Date | null = null;
    let failed = false;
    try {
      do {
        this.again = false;
        due = await nextRetentionDue(this.db, this.opts.retentionHours);
      } while (this.again);
    } catch (err) {
      failed = true;
      this.logger.warn('retention.schedule_failed', errorFields(err));
    } finally {
      this.looking = false;
    }
    if (!this.started || this.pending > 0) return;
    if (due === null && !failed) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      return;
    }
    const untilDue = due ? due.getTime() - this.clock.now().getTime() : Infinity;
    // Due already (a purge that failed stays due): the normal interval, never a busy loop.
    this.arm(failed || untilDue <= 0 ? this.opts.sweepMs : Math.min(this.opts.sweepMs, untilDue + 5));
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain;
  }
}
