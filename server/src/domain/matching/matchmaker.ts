// Runs matching rounds for this node: on demand (kick), on a sweep that also ages the queue, and on cool-down ends.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { rowsOf } from '../../db/connect.js';
import type { Logger } from '../../logger.js';
import { errorFields } from '../../logger.js';
import type { Clock } from '../core/clock.js';
import { claimMatches, type Match } from './claim.js';
import {
  expireAbandonedEntries,
  relaxOverduePreferences,
  withdrawEntriesInConversation,
} from './queue.js';
import { requeueConversationsPastGrace, type ReturnedToQueue } from './requeue.js';

export interface MatchListener {
  /** Called after each committed round that paired someone. */
  matched(matches: Match[]): Promise<void>;
  /** Called when positions or estimates may have changed. */
  queueChanged(): Promise<void>;
  /** Survivors whose preference was just relaxed: told before the round that may match them with anyone. */
  preferencesRelaxed(visitorIds: string[]): Promise<void>;
  /** Conversations whose volunteer did not come back in time: the survivors are back at the front of the queue. */
  returnedToQueue(results: ReturnedToQueue[]): Promise<void>;
}

export interface MatchmakerTiming {
  matchSweepMs: number;
  preferenceRelaxSeconds: number;
  queueHoldSeconds: number;
  volunteerGraceSeconds: number;
}

/** A round that skipped a volunteer locked elsewhere is retried after this long. */
const CONTENDED_RETRY_MS = 25;
/** Cool-down wake-ups further away than this are left to the sweep. */
const MAX_WAKE_MS = 10 * 60_000;
/** A sweep that finds nothing to age doubles the wait before the next one, up to this. */
const MAX_IDLE_SWEEP_MS = 60_000;

export interface MatchmakerStats {
  rounds: number;
  claims: number;
  /** Time spent in claim transactions, in ms. */
  claimMs: number;
  /** Rounds that skipped a volunteer locked by another transaction (another node claiming at the same moment). */
  contended: number;
}

export class Matchmaker {
  private running: Promise<void> | null = null;
  /** Callers waiting for a round that starts after their call. */
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** The wait before the next sweep: MATCH_SWEEP_MS while anything waits or chats, longer while nothing does. */
  private sweepEveryMs = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeAt = Infinity;
  private sweeping: Promise<void> | null = null;
  private stopped = false;
  readonly stats: MatchmakerStats = { rounds: 0, claims: 0, claimMs: 0, contended: 0 };

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timing: MatchmakerTiming,
    private readonly listener: MatchListener,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs matching now and resolves once a round that started after this call has finished (its matches told).
   * Calls that arrive during a round share the next one: rounds never run in parallel on one node, and a flood
   * of calls does not make anyone wait for more than the round in progress and their own.
   */
  kick(): Promise<void> {
    // Something happened here (a join, a shift, a connection, an end): sweep at the normal pace again.
    if (this.sweepEveryMs > this.timing.matchSweepMs && this.timer) this.scheduleSweep(this.timing.matchSweepMs);
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.running ??= this.loop();
    return done;
  }

  private async loop(): Promise<void> {
    try {
      while (this.waiters.length > 0) {
        const waiting = this.waiters.splice(0);
        await this.round();
        for (const resolve of waiting) resolve();
      }
    } finally {
      // No await between the last check of `waiters` and here: a kick cannot slip in unserved.
      this.running = null;
    }
  }

  /** Claims until nobody more can be matched, telling each batch as it commits. */
  private async round(): Promise<void> {
    try {
      let any = false;
      for (;;) {
        const started = performance.now();
        if (!(await this.anyPairPossible())) break;
        const result = await claimMatches(this.db, this.clock);
        this.stats.rounds += 1;
        this.stats.claimMs += performance.now() - started;
        if (result.contended) {
          this.stats.contended += 1;
          this.retrySoon();
        }
        if (result.matches.length > 0) {
          any = true;
          this.stats.claims += result.matches.length;
          await this.listener.matched(result.matches);
          // Everyone the round could read was paired or cannot be: another round would find nothing new (a join
          // or an end meanwhile has asked for its own).
          if (result.more) continue;
          break;
        }
        if (result.nextCooldownEndsAt) this.wakeWhenRested(result.nextCooldownEndsAt);
        break;
      }
      if (any) await this.listener.queueChanged();
    } catch (err) {
      // A round that lost a race (another node's claim, a unique index) is simply run again.
      this.logger.warn('matching.round_failed', errorFields(err));
      this.retrySoon();
    }
  }

  /**
   * A necessary condition for a pair, read outside any transaction: someone connected waits, and some volunteer on
   * shift, accepting and connected has fewer chats than their capacity. During a surge most rounds (a join while
   * every volunteer is busy) stop here, and the claim's transaction (five statements holding the embedded
   * database's one connection, every other statement waiting behind it) is not begun. The claim checks everything
   * else itself (status, training, cool-down, language, preference); a slot freed after this read kicks its own round.
   */
  private async anyPairPossible(): Promise<boolean> {
    const [row] = rowsOf<{ possible: boolean }>(
      await this.db.execute(sql`
        SELECT EXISTS (SELECT 1 FROM queue_entries WHERE status = 'waiting' AND disconnected_at IS NULL)
           AND EXISTS (
             SELECT 1 FROM volunteer_presence p JOIN staff s ON s.id = p.staff_id
             WHERE p.on_shift AND p.accepting AND p.disconnected_at IS NULL
               AND (SELECT count(*) FROM conversations c WHERE c.volunteer_id = p.staff_id AND c.status = 'active') < s.capacity
           ) AS possible`),
    );
    return row?.possible !== false;
  }

  private retrySoon(): void {
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.kick();
    }, CONTENDED_RETRY_MS);
    this.retryTimer.unref();
  }

  /** A volunteer's cool-down ends at `at`: match then rather than at the next sweep. */
  private wakeWhenRested(at: Date): void {
    const delay = at.getTime() - this.clock.now().getTime();
    if (this.stopped || delay > MAX_WAKE_MS || at.getTime() >= this.wakeAt) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeAt = at.getTime();
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.wakeAt = Infinity;
      void this.kick();
    }, Math.max(0, delay) + 5);
    this.wakeTimer.unref();
  }

  /**
   * Ages the queue and retries matching; any node may do this, and every step is safe if two nodes do it at
   * once: expired holds, stray entries, relaxed preferences (told first), volunteers past their grace period
   * (survivors back to the front), then a matching round.
   */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /**
   * Whether the sweep can have anything to do: every step ages a waiting entry or an active conversation (holds,
   * strays, preferences, volunteers past their grace). With neither, the sweep is skipped and the next one waits
   * longer, so an idle node costs one indexed read a minute instead of five statements every two seconds. Work
   * only ever appears through an event on some node (a join, a match), and the node that handles it kicks its own
   * matchmaker, which sweeps at the normal pace again: the grace and hold periods are never served late.
   */
  private async anythingToAge(): Promise<boolean> {
    const [row] = rowsOf<{ busy: boolean }>(
      await this.db.execute(sql`
        SELECT EXISTS (SELECT 1 FROM queue_entries WHERE status = 'waiting')
            OR EXISTS (SELECT 1 FROM conversations WHERE status = 'active') AS busy`),
    );
    return row?.busy !== false;
  }

  private async sweepOnce(): Promise<void> {
    try {
      if (!(await this.anythingToAge())) {
        this.sweepEveryMs = Math.min(MAX_IDLE_SWEEP_MS, Math.max(this.sweepEveryMs, this.timing.matchSweepMs) * 2);
        return;
      }
      this.sweepEveryMs = this.timing.matchSweepMs;
      const expired = await expireAbandonedEntries(this.db, this.clock, this.timing.queueHoldSeconds);
      const withdrawn = await withdrawEntriesInConversation(this.db);
      const relaxed = await relaxOverduePreferences(this.db, this.clock, this.timing.preferenceRelaxSeconds);
      if (relaxed.length > 0) await this.listener.preferencesRelaxed(relaxed);
      const returned = await requeueConversationsPastGrace(this.db, this.clock, this.timing.volunteerGraceSeconds);
      if (returned.length > 0) await this.listener.returnedToQueue(returned);
      await this.kick();
      if (expired > 0 || withdrawn > 0 || relaxed.length > 0 || returned.length > 0) await this.listener.queueChanged();
    } catch (err) {
      this.logger.warn('matching.sweep_failed', errorFields(err));
    }
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.scheduleSweep(this.timing.matchSweepMs);
  }

  private scheduleSweep(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.sweepEveryMs = ms;
    this.timer = setTimeout(() => {
      void this.sweep().finally(() => {
        if (!this.stopped) this.scheduleSweep(this.sweepEveryMs);
      });
    }, ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of [this.timer, this.retryTimer, this.wakeTimer]) if (t) clearTimeout(t);
    this.timer = this.retryTimer = this.wakeTimer = null;
    await this.sweeping;
    await this.running;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
