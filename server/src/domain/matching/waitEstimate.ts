// The honest wait estimate: from recent chat durations, the capacity on shift and its cool-downs, per language.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { rowsOf } from '../../db/connect.js';
import type { Clock } from '../core/clock.js';

/** Used until there is history: a typical peer-support chat lasts this long. */
export const DEFAULT_CHAT_SECONDS = 20 * 60;
/** Recent history: the last HISTORY_SAMPLE chats that ended within HISTORY_WINDOW_MS. */
const HISTORY_WINDOW_MS = 7 * 24 * 3600 * 1000;
const HISTORY_SAMPLE = 100;
const MIN_HISTORY = 5;

/** Chat slots of the volunteers who could take a survivor: connected, on shift, accepting. */
export interface SlotPool {
  volunteers: number;
  /** Sum of their capacities. */
  capacity: number;
  /** Slots free and usable now. */
  free: number;
  /** Free slots of volunteers resting after a chat: when each becomes usable (epoch ms). */
  coolingUntil: number[];
}

export interface EstimateInputs {
  now: number;
  meanChatSeconds: number;
  /** The pause a volunteer takes after each chat before the next. */
  cooldownSeconds: number;
}

export interface CapacitySnapshot extends EstimateInputs {
  byLanguage: Map<string, SlotPool>;
  /** Keyed `${language}:${gender}`, for survivors whose preference is still honoured. */
  byLanguageGender: Map<string, SlotPool>;
}

export const emptyPool = (): SlotPool => ({ volunteers: 0, capacity: 0, free: 0, coolingUntil: [] });

/** The mean of recent chat durations, or the default until there are enough of them. */
export function meanChatSecondsOf(durations: number[]): number {
  const recent = durations.slice(0, HISTORY_SAMPLE);
  return recent.length >= MIN_HISTORY ? recent.reduce((s, d) => s + d, 0) / recent.length : DEFAULT_CHAT_SECONDS;
}

/**
 * Expected wait, in seconds, of the survivor at `position` (1 = next) in a line served by `pool`; undefined when
 * nobody in the pool takes chats. Free slots take the first survivors at once; resting volunteers the next ones
 * when their cool-down ends; after that every slot turns over once per (mean chat + cool-down), so slots free at a
 * rate of capacity / (mean + cool-down), the first about half a turn away.
 */
export function estimateWaitSeconds(pool: SlotPool, inputs: EstimateInputs, position: number): number | undefined {
  if (pool.capacity === 0) return undefined;
  if (position <= pool.free) return 0;
  const cooling = [...pool.coolingUntil].sort((a, b) => a - b);
  const intoCooling = position - pool.free;
  if (intoCooling <= cooling.length) return Math.max(0, Math.round((cooling[intoCooling - 1]! - inputs.now) / 1000));
  const needed = intoCooling - cooling.length;
  const turn = inputs.meanChatSeconds + inputs.cooldownSeconds;
  return Math.round((needed - 0.5) * (turn / pool.capacity) + inputs.cooldownSeconds);
}

/** What the estimate needs to know of a waiting survivor. */
export interface EstimatedEntry {
  language: string;
  preference: string;
  preferenceRelaxed: boolean;
  keepPreference: boolean;
  queuedAt: Date;
}

/**
 * A waiting survivor's estimate at `position` in their language's line. While a preference is honoured only the
 * volunteers who fit it count; unless the survivor chose to keep waiting for it, the wait is at most the time
 * until it is relaxed plus the wait for anyone.
 */
export function estimateForEntry(
  entry: EstimatedEntry,
  position: number,
  snapshot: CapacitySnapshot,
  preferenceRelaxSeconds: number,
): number | undefined {
  const pool = snapshot.byLanguage.get(entry.language) ?? emptyPool();
  const strict = entry.preference !== 'none' && !entry.preferenceRelaxed;
  if (!strict) return estimateWaitSeconds(pool, snapshot, position);
  const preferred = snapshot.byLanguageGender.get(`${entry.language}:${entry.preference}`) ?? emptyPool();
  const honoured = estimateWaitSeconds(preferred, snapshot, position);
  if (entry.keepPreference) return honoured;
  const relaxAt = entry.queuedAt.getTime() + preferenceRelaxSeconds * 1000;
  const untilRelax = Math.max(0, Math.round((relaxAt - snapshot.now) / 1000));
  const afterRelax = estimateWaitSeconds(pool, snapshot, position);
  if (afterRelax === undefined) return honoured;
  return honoured === undefined ? untilRelax + afterRelax : Math.min(honoured, untilRelax + afterRelax);
}

interface VolunteerRow {
  languages: string[];
  gender: string;
  capacity: number;
  active: number;
  cooldown_until: Date | string | null;
}

/**
 * A snapshot is reused for this long (of both wall and service time) by the same database handle, so a burst of
 * joins reads it once rather than once each. Whatever changes capacity on this node (a match, an end, a shift, a
 * volunteer's connection) forgets it at once; a change on another node shows within this time.
 */
const SNAPSHOT_TTL_MS = 100;
const recentSnapshots = new WeakMap<Db, { at: number; cooldownSeconds: number; snapshot: Promise<CapacitySnapshot> }>();

/** One read of who is on shift and how long chats last, shared by every waiting survivor's estimate. */
export function loadCapacitySnapshot(db: Db, clock: Clock, cooldownSeconds = 0): Promise<CapacitySnapshot> {
  const wall = performance.now();
  const now = clock.now().getTime();
  const cached = recentSnapshots.get(db);
  if (cached && cached.cooldownSeconds === cooldownSeconds && wall - cached.at < SNAPSHOT_TTL_MS) {
    return cached.snapshot.then((s) => (Math.abs(s.now - now) < SNAPSHOT_TTL_MS ? s : readCapacitySnapshot(db, clock, cooldownSeconds)));
  }
  const snapshot = readCapacitySnapshot(db, clock, cooldownSeconds);
  recentSnapshots.set(db, { at: wall, cooldownSeconds, snapshot });
  snapshot.catch(() => recentSnapshots.delete(db));
  return snapshot;
}

/** Capacity just changed (committed): the next estimate reads it again. */
export function forgetCapacitySnapshot(db: Db): void {
  recentSnapshots.delete(db);
}

async function readCapacitySnapshot(db: Db, clock: Clock, cooldownSeconds: number): Promise<CapacitySnapshot> {
  const now = clock.now();
  const at = now.toISOString();
  const volunteers = rowsOf<VolunteerRow>(
    await db.execute(sql`
      SELECT s.languages, s.gender, s.capacity, p.cooldown_until,
             (SELECT count(*)::int FROM conversations c WHERE c.volunteer_id = s.id AND c.status = 'active' AND c.taken_over_by IS NULL) AS active
      FROM volunteer_presence p JOIN staff s ON s.id = p.staff_id
      WHERE p.on_shift AND p.accepting AND p.disconnected_at IS NULL AND s.status = 'active'
        AND s.training_completed_at IS NOT NULL`),
  );
  const byLanguage = new Map<string, SlotPool>();
  const byLanguageGender = new Map<string, SlotPool>();
  const add = (map: Map<string, SlotPool>, key: string, v: VolunteerRow) => {
    const pool = map.get(key) ?? emptyPool();
    addVolunteer(pool, v, now.getTime());
    map.set(key, pool);
  };
  for (const v of volunteers) {
    for (const lang of v.languages) {
      add(byLanguage, lang, v);
      add(byLanguageGender, `${lang}:${v.gender}`, v);
    }
  }
  const since = new Date(now.getTime() - HISTORY_WINDOW_MS).toISOString();
  const recent = rowsOf<{ seconds: number | string }>(
    await db.execute(sql`
      SELECT extract(epoch from (ended_at - started_at))::float AS seconds FROM conversations
      WHERE status = 'ended' AND ended_at > ${since}::timestamptz AND ended_at <= ${at}::timestamptz
        AND end_reason IN ('ended_by_visitor', 'ended_by_volunteer', 'visitor_left', 'ended_by_moderator')
      ORDER BY ended_at DESC LIMIT ${HISTORY_SAMPLE}`),
  );
  return {
    now: now.getTime(),
    byLanguage,
    byLanguageGender,
    meanChatSeconds: meanChatSecondsOf(recent.map((r) => Number(r.seconds))),
    cooldownSeconds,
  };
}

export function addVolunteer(
  pool: SlotPool,
  v: { capacity: number; active: number; cooldown_until: Date | string | number | null },
  now: number,
): void {
  pool.volunteers += 1;
  pool.capacity += v.capacity;
  const open = Math.max(0, v.capacity - v.active);
  const rest = v.cooldown_until === null ? 0 : new Date(v.cooldown_until).getTime();
  if (rest > now) for (let i = 0; i < open; i++) pool.coolingUntil.push(rest);
  else pool.free += open;
}
