// Transcript retention: sweeps expired transcripts on a timer (domain/privacy/retention.ts decides what expires).
import type { Db } from '../db/connect.js';
import type { Clock } from '../domain/core/clock.js';
import { sweepExpiredTranscripts, type RetentionResult } from '../domain/privacy/retention.js';
import { errorFields, type Logger } from '../logger.js';

const STARTUP_SWEEP_DELAY_MS = 5_000;

/**
 * Runs the retention sweep every `sweepMs`, and once soon after start-up (so that a node restarted more often
 * than the interval still sweeps); never two sweeps at once on this node.
 */
export class RetentionJob {
  private timers: NodeJS.Timeout[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { retentionHours: number; sweepMs: number },
  ) {}

  start(): void {
    if (this.timers.length > 0) return;
    const tick = () => {
      // A sweep still running (a long backlog) is not queued behind: the next tick will do.
      if (this.pending > 0) return;
      this.runOnce().catch((err: unknown) => this.logger.warn('retention.sweep_failed', errorFields(err)));
    };
    this.timers.push(setTimeout(tick, Math.min(this.opts.sweepMs, STARTUP_SWEEP_DELAY_MS)), setInterval(tick, this.opts.sweepMs));
    for (const t of this.timers) t.unref();
  }

  /** A sweep as of the clock's now, after any sweep in progress has finished. */
  runOnce(): Promise<RetentionResult> {
    this.pending += 1;
    const run = this.chain.then(() => sweepExpiredTranscripts(this.db, this.clock, this.logger, this.opts.retentionHours));
    this.chain = run
      .catch(() => undefined)
      .finally(() => {
        this.pending -= 1;
      });
    return run;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    await this.chain;
  }
}

