// Runs matching rounds for this node: on demand (kick), on a sweep that also ages the queue, and on cool-down ends.
// A job, not domain: telling a match spans matching, conversations and moderation (commands/announceMatches.ts).
import { announceMatches } from '../commands/announceMatches.js';
import { announceReturnedToQueue } from '../commands/returnToQueue.js';
import type { AppContext } from '../context.js';
import { anyPairPossible, claimMatches } from '../domain/matching/claim.js';
import type { MatchingTrigger, MatchmakerStats } from '../domain/matching/trigger.js';
import { anythingToAge, expireAbandonedEntries, relaxOverduePreferences, withdrawEntriesInConversation } from '../domain/matching/queue.js';
import { requeueConversationsPastGrace } from '../domain/matching/requeue.js';
import type { WorkSignal } from '../db/workSignals.js';
import { errorFields } from '../logger.js';

/** A round that skipped a volunteer locked elsewhere is retried after this long. */
const CONTENDED_RETRY_MS = 25;
/** Cool-down wake-ups further away than this are left to the sweep. */
const MAX_WAKE_MS = 10 * 60_000;
/** The sweep's wait while parked (nothing waits, nothing chats): none; a kick or a work signal resumes it. */
const PARKED = Infinity;

export class Matchmaker implements MatchingTrigger {
  private running: Promise<void> | null = null;
  /** Callers waiting for a round that starts after their call. */
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** The wait before the next sweep: MATCH_SWEEP_MS while anything waits or chats, PARKED while nothing does. */
  private sweepEveryMs = 0;
  private started = false;
  /** Work was signalled while a sweep ran: it must not park on what it read before. */
  private wokenDuringSweep = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeAt = Infinity;
  private sweeping: Promise<void> | null = null;
  private stopped = false;
  readonly stats: MatchmakerStats = { rounds: 0, claims: 0, claimMs: 0, contended: 0 };

  constructor(private readonly ctx: AppContext) {}

  private get timing() {
    return this.ctx.config.timing;
  }

  /**
   * Runs matching now and resolves once a round that started after this call has finished (its matches told).
   * Calls that arrive during a round share the next one: rounds never run in parallel on one node, and a flood
   * of calls does not make anyone wait for more than the round in progress and their own.
   */
  kick(): Promise<void> {
    // Something happened here (a join, a shift, a connection, an end): sweep at the normal pace again.
    this.resume();
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
        if (!(await anyPairPossible(this.ctx.db))) break;
        const result = await claimMatches(this.ctx.db, this.ctx.clock);
        this.stats.rounds += 1;
        this.stats.claimMs += performance.now() - started;
        if (result.contended) {
          this.stats.contended += 1;
          this.retrySoon();
        }
        if (result.matches.length > 0) {
          any = true;
          this.stats.claims += result.matches.length;
          await announceMatches(this.ctx, result.matches);
          // Everyone the round could read was paired or cannot be: another round would find nothing new (a join
          // or an end meanwhile has asked for its own).
          if (result.more) continue;
          break;
        }
        if (result.nextCooldownEndsAt) this.wakeWhenRested(result.nextCooldownEndsAt);
        break;
      }
      if (any) await this.ctx.queue.changed();
    } catch (err) {
      // A round that lost a race (another node's claim, a unique index) is simply run again.
      this.ctx.logger.warn('matching.round_failed', errorFields(err));
      this.retrySoon();
    }
  }


  /**
   * A committed change on any node (0014's triggers) made work: a parked sweep resumes at the normal pace. On
   * PostgreSQL this is how a node that took no part hears of a survivor waiting elsewhere, so that the queue keeps
   * ageing if the node they joined through goes away.
   */
  onSignal(signal: WorkSignal): void {
    if (signal === 'matching' || signal === 'resync') this.resume();
  }

  /** Whether the sweep is parked: nothing waited or chatted when it last looked (the idle test reads it). */
  get parked(): boolean {
    return this.started && this.sweepEveryMs === PARKED;
  }

  private resume(): void {
    if (this.sweeping) this.wokenDuringSweep = true;
    if (this.started && !this.stopped && this.sweepEveryMs > this.timing.matchSweepMs) this.scheduleSweep(this.timing.matchSweepMs);
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
    const delay = at.getTime() - this.ctx.clock.now().getTime();
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


  private async sweepOnce(): Promise<void> {
    try {
      const { db, clock } = this.ctx;
      this.wokenDuringSweep = false;
      // Nothing waits and nothing chats: nothing can age until someone joins or a chat starts, here (a kick) or on
      // another node (a work signal), so no sweep is scheduled until then.
      if (!(await anythingToAge(db))) {
        this.sweepEveryMs = this.wokenDuringSweep ? this.timing.matchSweepMs : PARKED;
        return;
      }
      this.sweepEveryMs = this.timing.matchSweepMs;
      const expired = await expireAbandonedEntries(db, clock, this.timing.queueHoldSeconds);
      const withdrawn = await withdrawEntriesInConversation(db);
      // Told before the round that may match them with anyone.
      const relaxed = await relaxOverduePreferences(db, clock, this.timing.preferenceRelaxSeconds);
      if (relaxed.length > 0) await this.ctx.queue.pushTo(relaxed);
      // Volunteers who did not come back in time: their survivors are back at the front of the queue.
      const returned = await requeueConversationsPastGrace(db, clock, this.timing.volunteerGraceSeconds);
      await announceReturnedToQueue(this.ctx, returned);
      await this.kick();
      if (expired > 0 || withdrawn > 0 || relaxed.length > 0 || returned.length > 0) await this.ctx.queue.changed();
    } catch (err) {
      this.ctx.logger.warn('matching.sweep_failed', errorFields(err));
    }
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    this.scheduleSweep(this.timing.matchSweepMs);
  }

  private scheduleSweep(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sweepEveryMs = ms;
    if (ms === PARKED || this.stopped) return;
    this.timer = setTimeout(() => {
      void this.sweep().finally(() => {
        if (!this.stopped) this.scheduleSweep(this.sweepEveryMs);
      });
    }, ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    for (const t of [this.timer, this.retryTimer, this.wakeTimer]) if (t) clearTimeout(t);
    this.timer = this.retryTimer = this.wakeTimer = null;
    await this.sweeping;
    await this.running;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
