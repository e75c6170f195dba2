// The survivor queue: joining, leaving, keeping a place while disconnected, and each waiting survivor's position.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Intake, Language, QueueStatus, QueueSummary, Topic } from '@beside/shared';
import { LANGUAGES, TOPICS } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { rowsOf } from '../../db/connect.js';
import { conversations, queueEntries } from '../../db/schema.js';
import type { Clock } from '../core/clock.js';
import { Conflict } from '../core/errors.js';
import { nextShiftStartAt } from '../staff/schedule.js';
import { emptyPool, estimateForEntry, loadCapacitySnapshot, type CapacitySnapshot } from './waitEstimate.js';

export type QueueEntryRow = typeof queueEntries.$inferSelect;

/** The timings a queue status depends on (from config.timing). */
export interface QueueTiming {
  preferenceRelaxSeconds: number;
  queueHoldSeconds: number;
  chatCooldownSeconds: number;
}

const DEFAULT_TIMING: QueueTiming = { preferenceRelaxSeconds: 180, queueHoldSeconds: 300, chatCooldownSeconds: 0 };

/**
 * Puts a survivor in the queue; a survivor already waiting keeps their place (the call is idempotent). Conflict
 * when they are in a conversation. Returns the id of their waiting entry.
 */
export async function joinQueue(db: Db, clock: Clock, visitorId: string, intake: Intake): Promise<string> {
  const at = clock.now().toISOString();
  // One statement in the usual case: inserted unless already waiting (the unique index) or in a conversation.
  const [inserted] = rowsOf<{ id: string }>(
    await db.execute(sql`
      INSERT INTO queue_entries (id, visitor_id, topic, language, want, preference, urgent, status, queued_at,
                                 priority_at, preference_relaxed, keep_preference)
      SELECT ${randomUUID()}::uuid, ${visitorId}::uuid, ${intake.topic}::text, ${intake.language}::text,
             ${intake.want}::text, ${intake.preference}::text, ${intake.inDanger}::boolean, 'waiting',
             ${at}::timestamptz, ${at}::timestamptz, false, false
      WHERE NOT EXISTS (SELECT 1 FROM conversations WHERE visitor_id = ${visitorId}::uuid AND status = 'active')
      ON CONFLICT DO NOTHING
      RETURNING id`),
  );
  if (inserted) return inserted.id;
  const waiting = await waitingEntryOf(db, visitorId);
  if (waiting) return waiting.id;
  if (await hasActiveConversation(db, visitorId)) throw new Conflict('You are already in a conversation.');
  throw new Conflict('Could not join the queue; please try again.');
}

async function hasActiveConversation(db: Db, visitorId: string): Promise<boolean> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.visitorId, visitorId), eq(conversations.status, 'active')))
    .limit(1);
  return rows.length > 0;
}

export async function waitingEntryOf(db: Db, visitorId: string): Promise<QueueEntryRow | undefined> {
  const [row] = await db
    .select()
    .from(queueEntries)
    .where(and(eq(queueEntries.visitorId, visitorId), eq(queueEntries.status, 'waiting')))
    .limit(1);
  return row;
}

export async function leaveQueue(db: Db, visitorId: string): Promise<boolean> {
  const rows = await db
    .update(queueEntries)
    .set({ status: 'left' })
    .where(and(eq(queueEntries.visitorId, visitorId), eq(queueEntries.status, 'waiting')))
    .returning({ id: queueEntries.id });
  return rows.length > 0;
}

/**
 * Marks whether a waiting survivor has any live connection; a disconnected one keeps their place for a while.
 * Returns whether they are waiting.
 */
export async function markQueueConnection(db: Db, clock: Clock, visitorId: string, connected: boolean): Promise<boolean> {
  const rows = await db
    .update(queueEntries)
    .set({ disconnectedAt: connected ? null : clock.now() })
    .where(and(eq(queueEntries.visitorId, visitorId), eq(queueEntries.status, 'waiting')))
    .returning({ id: queueEntries.id });
  return rows.length > 0;
}

/** Gives up the places of survivors who have been gone longer than the hold time; returns how many. */
export async function expireAbandonedEntries(db: Db, clock: Clock, holdSeconds: number): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - holdSeconds * 1000);
  const rows = await db
    .update(queueEntries)
    .set({ status: 'expired' })
    .where(
      and(eq(queueEntries.status, 'waiting'), isNotNull(queueEntries.disconnectedAt), lt(queueEntries.disconnectedAt, cutoff)),
    )
    .returning({ id: queueEntries.id });
  return rows.length;
}

/**
 * Withdraws waiting entries of survivors who are in a conversation (a join that raced with their match): they
 * must not be matched a second time when that conversation ends. Returns how many.
 */
export async function withdrawEntriesInConversation(db: Db): Promise<number> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      UPDATE queue_entries q SET status = 'left'
      WHERE q.status = 'waiting'
        AND EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = q.visitor_id AND c.status = 'active')
      RETURNING q.id`),
  );
  return rows.length;
}

/** Relaxes volunteer preferences that could not be met in time (unless the survivor chose to keep waiting). */
export async function relaxOverduePreferences(db: Db, clock: Clock, relaxSeconds: number): Promise<string[]> {
  const cutoff = new Date(clock.now().getTime() - relaxSeconds * 1000);
  const rows = await db
    .update(queueEntries)
    .set({ preferenceRelaxed: true })
    .where(
      and(
        eq(queueEntries.status, 'waiting'),
        sql`${queueEntries.preference} <> 'none'`,
        eq(queueEntries.preferenceRelaxed, false),
        eq(queueEntries.keepPreference, false),
        lt(queueEntries.queuedAt, cutoff),
      ),
    )
    .returning({ visitorId: queueEntries.visitorId });
  return rows.map((r) => r.visitorId);
}

/**
 * The survivor's choice about their preference, before or after it is relaxed: keep waiting for it (true) or take
 * the next available volunteer now (false). Conflict when they are not waiting or gave no preference.
 */
export async function choosePreference(db: Db, visitorId: string, keep: boolean): Promise<void> {
  const rows = await db
    .update(queueEntries)
    .set({ keepPreference: keep, preferenceRelaxed: !keep })
    .where(
      and(
        eq(queueEntries.visitorId, visitorId),
        eq(queueEntries.status, 'waiting'),
        sql`${queueEntries.preference} <> 'none'`,
      ),
    )
    .returning({ id: queueEntries.id });
  if (rows.length === 0) throw new Conflict('You are not waiting with a volunteer preference.');
}

interface StatusOptions {
  timing?: QueueTiming;
}

/** Every waiting survivor's status (position within their language, estimated wait), in queue order. */
export async function waitingStatuses(
  db: Db,
  clock: Clock,
  opts: StatusOptions = {},
): Promise<{ visitorId: string; status: QueueStatus }[]> {
  const rows = await db
    .select()
    .from(queueEntries)
    .where(eq(queueEntries.status, 'waiting'))
    .orderBy(desc(queueEntries.urgent), asc(queueEntries.priorityAt), asc(queueEntries.id));
  if (rows.length === 0) return [];
  const timing = opts.timing ?? DEFAULT_TIMING;
  const snapshot = await loadCapacitySnapshot(db, clock, timing.chatCooldownSeconds);
  const nextShifts = await nextShiftsFor(db, clock, snapshot, rows);
  const positions = new Map<string, number>();
  return rows.map((row) => {
    const position = (positions.get(row.language) ?? 0) + 1;
    positions.set(row.language, position);
    return { visitorId: row.visitorId, status: statusFor(row, position, snapshot, timing, nextShifts) };
  });
}

/** One survivor's status, reading only their line ahead of them. */
export async function queueStatusOf(db: Db, clock: Clock, visitorId: string, opts: StatusOptions = {}): Promise<QueueStatus> {
  const entry = await waitingEntryOf(db, visitorId);
  if (!entry) {
    const [active] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.visitorId, visitorId), eq(conversations.status, 'active')))
      .limit(1);
    return active ? { state: 'matched', conversationId: active.id } : { state: 'not_queued' };
  }
  // Those ahead in the same language's line, in the order of waitingStatuses and of the claim.
  const [ahead] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM queue_entries
      WHERE status = 'waiting' AND language = ${entry.language} AND id <> ${entry.id}
        AND (urgent > ${entry.urgent}
             OR (urgent = ${entry.urgent} AND (priority_at, id) < (${entry.priorityAt.toISOString()}::timestamptz, ${entry.id}::uuid)))`),
  );
  const timing = opts.timing ?? DEFAULT_TIMING;
  const snapshot = await loadCapacitySnapshot(db, clock, timing.chatCooldownSeconds);
  const nextShifts = await nextShiftsFor(db, clock, snapshot, [entry]);
  return statusFor(entry, (ahead?.n ?? 0) + 1, snapshot, timing, nextShifts);
}

/** When nobody is on shift for a language: when its next scheduled shift starts (looked up once per language). */
async function nextShiftsFor(
  db: Db,
  clock: Clock,
  snapshot: CapacitySnapshot,
  rows: Pick<QueueEntryRow, 'language'>[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const uncovered = [...new Set(rows.map((r) => r.language))].filter((l) => !snapshot.byLanguage.get(l)?.volunteers);
  for (const language of uncovered) {
    const at = await nextShiftStartAt(db, clock.now(), language);
    if (at) result.set(language, at.toISOString());
  }
  return result;
}

function statusFor(
  row: QueueEntryRow,
  position: number,
  snapshot: CapacitySnapshot,
  timing: QueueTiming,
  nextShifts: Map<string, string>,
): QueueStatus {
  const pool = snapshot.byLanguage.get(row.language) ?? emptyPool();
  const hasPreference = row.preference !== 'none';
  const strict = hasPreference && !row.preferenceRelaxed;
  const preferredPool = snapshot.byLanguageGender.get(`${row.language}:${row.preference}`) ?? emptyPool();
  const estimate = estimateForEntry(row, position, snapshot, timing.preferenceRelaxSeconds);
  const relaxAt = row.queuedAt.getTime() + timing.preferenceRelaxSeconds * 1000;
  const nextShiftAt = pool.volunteers === 0 ? nextShifts.get(row.language) : undefined;
  return {
    state: 'waiting',
    position,
    urgent: row.urgent,
    volunteersOnShift: pool.volunteers,
    ...(estimate !== undefined ? { estimatedWaitSeconds: estimate } : {}),
    ...(nextShiftAt ? { nextShiftAt } : {}),
    preferenceRelaxed: row.preferenceRelaxed,
    preference: row.preference,
    ...(hasPreference ? { preferredOnShift: preferredPool.volunteers, keepingPreference: row.keepPreference } : {}),
    ...(strict && !row.keepPreference ? { preferenceRelaxAt: new Date(relaxAt).toISOString() } : {}),
    ...(row.requeueReason ? { returnedToFront: row.requeueReason } : {}),
    ...(row.previousConversationId ? { continuesConversationId: row.previousConversationId } : {}),
    ...(row.disconnectedAt
      ? { heldUntil: new Date(row.disconnectedAt.getTime() + timing.queueHoldSeconds * 1000).toISOString() }
      : {}),
  };
}

/** The volunteers' view of the queue: counts by urgency, topic and language, and the oldest wait; no content. */
export async function queueSummary(db: Db, clock: Clock): Promise<QueueSummary> {
  const now = clock.now();
  const rows = rowsOf<{ urgent: boolean; topic: string; language: string; n: number; held: number; oldest: Date | string }>(
    await db.execute(sql`
      SELECT urgent, topic, language, count(*)::int AS n,
             count(*) FILTER (WHERE disconnected_at IS NOT NULL)::int AS held, min(queued_at) AS oldest
      FROM queue_entries WHERE status = 'waiting'
      GROUP BY urgent, topic, language`),
  );
  const byTopic = Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>;
  const byLanguage = Object.fromEntries(LANGUAGES.map((l) => [l, 0])) as Record<Language, number>;
  const summary: QueueSummary = {
    waiting: 0,
    held: 0,
    byUrgency: { urgent: 0, normal: 0 },
    byTopic,
    byLanguage,
    volunteersOnShift: 0,
    freeSlots: 0,
    at: now.toISOString(),
  };
  let oldest: number | undefined;
  for (const r of rows) {
    summary.waiting += r.n;
    summary.held += r.held;
    summary.byUrgency[r.urgent ? 'urgent' : 'normal'] += r.n;
    if (r.topic in byTopic) byTopic[r.topic as Topic] += r.n;
    if (r.language in byLanguage) byLanguage[r.language as Language] += r.n;
    const t = new Date(r.oldest).getTime();
    if (oldest === undefined || t < oldest) oldest = t;
  }
  if (oldest !== undefined) {
    summary.oldestWaitingSince = new Date(oldest).toISOString();
    summary.oldestWaitSeconds = Math.max(0, Math.round((now.getTime() - oldest) / 1000));
  }
  const [capacity] = rowsOf<{ volunteers: number; free: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS volunteers,
             coalesce(sum(greatest(0, s.capacity - (SELECT count(*) FROM conversations c
                                                      WHERE c.volunteer_id = s.id AND c.status = 'active' AND c.taken_over_by IS NULL))), 0)::int AS free
      FROM volunteer_presence p JOIN staff s ON s.id = p.staff_id
      WHERE p.on_shift AND p.accepting AND p.disconnected_at IS NULL AND s.status = 'active'
        AND s.training_completed_at IS NOT NULL`),
  );
  summary.volunteersOnShift = capacity?.volunteers ?? 0;
  summary.freeSlots = capacity?.free ?? 0;
  return summary;
}

/**
 * Whether the sweep can have anything to do: every step ages a waiting entry or an active conversation (holds,
 * strays, preferences, volunteers past their grace). With neither, the sweep is skipped and the next one waits
 * longer, so an idle node costs one indexed read a minute instead of five statements every two seconds. Work
 * only ever appears through an event on some node (a join, a match), and the node that handles it kicks its own
 * matchmaker, which sweeps at the normal pace again: the grace and hold periods are never served late.
 */
export async function anythingToAge(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ busy: boolean }>(
    await db.execute(sql`
      SELECT EXISTS (SELECT 1 FROM queue_entries WHERE status = 'waiting')
          OR EXISTS (SELECT 1 FROM conversations WHERE status = 'active') AS busy`),
  );
  return row?.busy !== false;
}
