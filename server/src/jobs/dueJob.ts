// The shape every job here shares: look now, then sleep until the next thing falls due (never polling while nothing
// is due), woken early by the work signals that can make something due sooner; one look at a time on this node.
import type { WorkSignal } from '../db/workSignals.js';
import type { Services } from '../domain/core/services.js';
import { errorFields } from '../logger.js';

/** What one look found: when the next thing falls due (null: nothing waits), and whether to look again at once. */
export interface DueLook {
  next: Date | null;
  again?: boolean;
}

export interface DueJobOptions {
  /** The signals that may make something due (besides `resync`, which always wakes it). */
  wakesOn: readonly WorkSignal[];
  /**
   * Whether a signal wakes a job that is already sleeping towards a due time: needed when a signal can bring
   * something due sooner than that (a page due now); not when new work always falls due later (an urgent wait).
   */
  wakeWhileWaiting: boolean;
  /** The longest sleep while something waits (a clock that jumps, a missed signal). */
  maxWaitMs: number;
  /** The wait after a look that failed (the database away). */
  failedWaitMs: number;
  /** The log event of a failed look (never with content). */
  failureEvent: string;
}

const DUE_AGAIN_MS = 250;

export class DueJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private again = false;

  constructor(
    private readonly deps: Pick<Services, 'clock' | 'logger'>,
    private readonly options: DueJobOptions,
    private readonly look: () => Promise<DueLook>,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.tick();
  }

  onSignal(signal: WorkSignal): void {
    if (!this.started || (signal !== 'resync' && !this.options.wakesOn.includes(signal))) return;
    if (this.running) this.again = true;
    else if (!this.timer || this.options.wakeWhileWaiting || signal === 'resync') void this.tick();
  }

  /** Whether it sleeps with no timer at all (nothing waits); the idle test reads it. */
  get parked(): boolean {
    return this.started && !this.timer && !this.running;
  }

  /** One look now, then the next one scheduled; overlapping calls share the one in flight. */
  tick(): Promise<void> {
    this.running ??= (async () => {
      let next: Date | null = null;
      let failed = false;
      try {
        do {
          this.again = false;
          const found = await this.look();
          next = found.next;
          if (found.again) this.again = true;
        } while (this.again && this.started);
      } catch (err) {
        failed = true;
        this.deps.logger.warn(this.options.failureEvent, errorFields(err));
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
    const { maxWaitMs, failedWaitMs } = this.options;
    const untilDue = next ? next.getTime() - this.deps.clock.now().getTime() : Infinity;
    // Due already (it fell due between the look and now): soon, but never a busy loop.
    const wait = failed ? failedWaitMs : Math.min(maxWaitMs, untilDue > 0 ? untilDue + 5 : DUE_AGAIN_MS);
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
