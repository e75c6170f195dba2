// The staff dashboard: the queue by hour, chats per day, coverage gaps, flags by reason, surveys, and who left unanswered, computed in SQL.
import { sql } from 'drizzle-orm';
import type { ChatsDay, DashboardResponse, FlagReason, FlagReasonCount, QueueHour, SurveySummary } from '@beside/shared';
import { rowsOf, type Db } from '../../db/connect.js';
import type { Clock } from '../core/clock.js';
import { coverage, startOfHour } from '../staff/schedule.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DASHBOARD_WINDOWS = { queueHours: 24, chatDays: 14, coverageDays: 7, flagDays: 30, surveyDays: 30 } as const;

const iso = (v: Date | string) => new Date(v).toISOString();
const num = (v: unknown) => Number(v ?? 0);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function dashboard(db: Db, clock: Clock): Promise<DashboardResponse> {
  const now = clock.now();
  const currentHour = startOfHour(now);
  const coverageFrom = currentHour;
  return {
    generatedAt: now.toISOString(),
    queue: await queueByHour(db, now),
    chatsPerDay: await chatsPerDay(db, now),
    coverage: await coverage(db, coverageFrom, DASHBOARD_WINDOWS.coverageDays * 24),
    flagsByReason: await flagsByReason(db, now),
    surveys: await surveySummary(db, now),
    leftBeforeAnswer: await leftBeforeAnswer(db, now),
  };
}

/**
 * The last 24 hours' survivors who left before anyone answered them: those who left the queue (or lost their
 * place) before a match, and those who ended a chat in which no volunteer or moderator had written. A survivor put
 * back in the queue, or a chat that continues an earlier one, had been answered before and is not counted; neither
 * is a chat whose transcript is gone (deleted by the survivor or by retention), which cannot say.
 */
export async function leftBeforeAnswer(db: Db, now: Date): Promise<DashboardResponse['leftBeforeAnswer']> {
  const from = new Date(now.getTime() - DASHBOARD_WINDOWS.queueHours * HOUR_MS);
  const f = from.toISOString();
  const t = now.toISOString();
  const [r] = rowsOf<{ in_queue: unknown; in_chat: unknown }>(
    await db.execute(sql`
      SELECT
        (SELECT count(*) FROM queue_entries q
          WHERE q.status IN ('left', 'expired') AND q.previous_conversation_id IS NULL
            AND q.left_at > ${f}::timestamptz AND q.left_at <= ${t}::timestamptz)::int AS in_queue,
        (SELECT count(*) FROM conversations c
          WHERE c.status = 'ended' AND c.ended_by = 'visitor' AND c.previous_conversation_id IS NULL
            AND c.transcript_deleted_at IS NULL
            AND c.ended_at > ${f}::timestamptz AND c.ended_at <= ${t}::timestamptz
            AND NOT EXISTS (SELECT 1 FROM messages m
                            WHERE m.conversation_id = c.id AND m.sender_role IN ('volunteer', 'moderator')))::int AS in_chat`),
  );
  return { from: f, to: t, inQueue: num(r?.in_queue), inChat: num(r?.in_chat) };
}

/**
 * The last 24 hours of the queue, one bucket per UTC hour, the current hour last (so far).
 *
 * Each queue entry is a span [queued_at, end): end is matched_at for a match, left_at for a survivor who left
 * or lost their place, open while still waiting. Entries that stopped waiting before 0007 added left_at have no
 * known end and are left out of the lengths (they still count as joined). Waits are those that ended in a match
 * within the hour (the time from joining to the match); someone who gave up is counted as abandoned, not as a wait.
 */
export async function queueByHour(db: Db, now: Date): Promise<DashboardResponse['queue']> {
  const lastHour = startOfHour(now);
  const from = new Date(lastHour.getTime() - (DASHBOARD_WINDOWS.queueHours - 1) * HOUR_MS);
  const nowIso = now.toISOString();
  const rows = rowsOf<{
    hour_start: Date | string;
    joined: unknown;
    matched: unknown;
    abandoned: unknown;
    peak: unknown;
    at_end: unknown;
    p50: unknown;
    p90: unknown;
  }>(
    await db.execute(sql`
      WITH buckets AS (
        SELECT gs AS hour_start, gs + interval '1 hour' AS hour_next,
               LEAST(gs + interval '1 hour', ${nowIso}::timestamptz) AS at_end
        FROM generate_series(${from.toISOString()}::timestamptz, ${lastHour.toISOString()}::timestamptz, interval '1 hour') gs
      ),
      spans AS (
        SELECT queued_at AS s,
               CASE WHEN status = 'matched' THEN matched_at WHEN status IN ('left', 'expired') THEN left_at END AS e
        FROM queue_entries
        WHERE queued_at <= ${nowIso}::timestamptz
          AND NOT (status IN ('left', 'expired') AND left_at IS NULL)
          AND (status = 'waiting' OR COALESCE(matched_at, left_at) >= ${from.toISOString()}::timestamptz)
      ),
      events AS (
        SELECT s AS t, 1 AS d FROM spans
        UNION ALL
        SELECT e AS t, -1 AS d FROM spans WHERE e IS NOT NULL
      ),
      -- How many are waiting just after each moment something happened (all events of that moment applied).
      running AS (
        SELECT t, SUM(d) OVER (ORDER BY t RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n FROM events
      )
      SELECT b.hour_start,
        (SELECT count(*) FROM queue_entries q
          WHERE q.queued_at >= b.hour_start AND q.queued_at < b.hour_next)::int AS joined,
        (SELECT count(*) FROM queue_entries q
          WHERE q.status = 'matched' AND q.matched_at >= b.hour_start AND q.matched_at < b.hour_next)::int AS matched,
        (SELECT count(*) FROM queue_entries q
          WHERE q.status IN ('left', 'expired') AND q.left_at >= b.hour_start AND q.left_at < b.hour_next)::int AS abandoned,
        GREATEST(
          (SELECT count(*) FROM spans WHERE s <= b.hour_start AND (e IS NULL OR e > b.hour_start)),
          (SELECT max(r.n) FROM running r WHERE r.t >= b.hour_start AND r.t < b.at_end)
        )::int AS peak,
        (SELECT count(*) FROM spans WHERE s < b.at_end AND (e IS NULL OR e >= b.at_end))::int AS at_end,
        (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM q.matched_at - q.queued_at))
          FROM queue_entries q
          WHERE q.status = 'matched' AND q.matched_at >= b.hour_start AND q.matched_at < b.hour_next)::float8 AS p50,
        (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM q.matched_at - q.queued_at))
          FROM queue_entries q
          WHERE q.status = 'matched' AND q.matched_at >= b.hour_start AND q.matched_at < b.hour_next)::float8 AS p90
      FROM buckets b
      ORDER BY b.hour_start`),
  );
  const hours: QueueHour[] = rows.map((r) => ({
    hour: iso(r.hour_start),
    joined: num(r.joined),
    matched: num(r.matched),
    abandoned: num(r.abandoned),
    peakWaiting: num(r.peak),
    waitingAtEnd: num(r.at_end),
    waitP50Seconds: roundOrNull(numOrNull(r.p50)),
    waitP90Seconds: roundOrNull(numOrNull(r.p90)),
  }));
  return { from: from.toISOString(), to: nowIso, hours };
}

/** Survivor chats started per UTC day for the last 14 days (today last); a transfer's continuation is not new. */
export async function chatsPerDay(db: Db, now: Date): Promise<DashboardResponse['chatsPerDay']> {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const first = new Date(today.getTime() - (DASHBOARD_WINDOWS.chatDays - 1) * DAY_MS);
  const rows = rowsOf<{ day: Date | string; chats: unknown }>(
    await db.execute(sql`
      SELECT d AS day, count(c.id)::int AS chats
      FROM generate_series(${first.toISOString()}::timestamptz, ${today.toISOString()}::timestamptz, interval '24 hours') d
      LEFT JOIN conversations c
        ON c.started_at >= d AND c.started_at < d + interval '24 hours' AND c.started_at <= ${now.toISOString()}::timestamptz
       AND c.previous_conversation_id IS NULL
      GROUP BY d
      ORDER BY d`),
  );
  const days: ChatsDay[] = rows.map((r) => ({ date: iso(r.day).slice(0, 10), chats: num(r.chats) }));
  return { from: first.toISOString(), to: now.toISOString(), days };
}

/** Flags raised in the last 30 days, per reason, most frequent first. */
export async function flagsByReason(db: Db, now: Date): Promise<DashboardResponse['flagsByReason']> {
  const from = new Date(now.getTime() - DASHBOARD_WINDOWS.flagDays * DAY_MS);
  const rows = rowsOf<{ reason: string; count: unknown; open: unknown }>(
    await db.execute(sql`
      SELECT reason, count(*)::int AS count, (count(*) FILTER (WHERE status = 'open'))::int AS open
      FROM flags
      WHERE created_at > ${from.toISOString()}::timestamptz AND created_at <= ${now.toISOString()}::timestamptz
      GROUP BY reason
      ORDER BY count(*) DESC, reason`),
  );
  const reasons: FlagReasonCount[] = rows.map((r) => ({ reason: r.reason as FlagReason, count: num(r.count), open: num(r.open) }));
  return { from: from.toISOString(), to: now.toISOString(), total: reasons.reduce((a, r) => a + r.count, 0), reasons };
}

/** The survivors' answers of the last 30 days, in aggregate only. */
export async function surveySummary(db: Db, now: Date): Promise<DashboardResponse['surveys']> {
  const from = new Date(now.getTime() - DASHBOARD_WINDOWS.surveyDays * DAY_MS);
  const [r] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      SELECT count(*)::int AS responses,
        avg(felt_heard)::float8 AS average,
        (count(*) FILTER (WHERE felt_heard = 1))::int AS h1,
        (count(*) FILTER (WHERE felt_heard = 2))::int AS h2,
        (count(*) FILTER (WHERE felt_heard = 3))::int AS h3,
        (count(*) FILTER (WHERE felt_heard = 4))::int AS h4,
        (count(*) FILTER (WHERE felt_heard = 5))::int AS h5,
        (count(*) FILTER (WHERE reach_again = 'yes'))::int AS yes,
        (count(*) FILTER (WHERE reach_again = 'no'))::int AS no,
        (count(*) FILTER (WHERE reach_again = 'unsure'))::int AS unsure
      FROM surveys
      WHERE created_at > ${from.toISOString()}::timestamptz AND created_at <= ${now.toISOString()}::timestamptz`),
  );
  const summary: SurveySummary = {
    responses: num(r?.responses),
    feltHeardAverage: roundOrNull(numOrNull(r?.average), 2),
    feltHeard: [num(r?.h1), num(r?.h2), num(r?.h3), num(r?.h4), num(r?.h5)],
    reachAgain: { yes: num(r?.yes), no: num(r?.no), unsure: num(r?.unsure) },
  };
  return { from: from.toISOString(), to: now.toISOString(), ...summary };
}

function roundOrNull(v: number | null, digits = 1): number | null {
  if (v === null || Number.isNaN(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
