// Matching: pairs waiting survivors with eligible volunteers in one PostgreSQL transaction (FOR UPDATE SKIP LOCKED).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ConversationView, Language, Topic, Want } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { rowsOf } from '../../db/connect.js';
import type { Clock } from '../core/clock.js';

/** Upper bound on the waiting entries one round looks at; only entries some free volunteer could take are read. */
const CLAIM_BATCH_MAX = 500;

export interface Match {
  conversationId: string;
  visitorId: string;
  volunteerId: string;
  /** Set when the survivor was put back in the queue: the conversation they were in before (hand-off notes). */
  previousConversationId?: string;
  /** Why they were put back ('volunteer_unavailable', 'transferred'). */
  requeueReason?: string;
  /** What both sides are told (conversation:started), built from the claim itself: no query to tell them. */
  view?: ConversationView;
}

export interface ClaimResult {
  matches: Match[];
  /**
   * True when a volunteer this round chose was held or filled by another transaction meanwhile, and the pair was
   * dropped: the round must be retried shortly, or that survivor could wait next to a free volunteer.
   */
  contended: boolean;
  /** The round read as many entries as it may: more may be matched at once by another round. */
  more?: boolean;
  /** When the queue is not empty and nobody could be matched: the earliest end of a cool-down, if any. */
  nextCooldownEndsAt?: Date;
}

export interface WaitingEntry {
  id: string;
  visitor_id: string;
  topic: string;
  language: string;
  want: string;
  preference: string;
  urgent: boolean;
  preference_relaxed: boolean;
  avoid_volunteer_id: string | null;
  previous_conversation_id: string | null;
  requeue_reason: string | null;
}

export interface Candidate {
  id: string;
  languages: string[];
  topics: string[];
  gender: string;
  capacity: number;
  /** Active conversations right now. */
  active: number;
  idle_since: Date | string | null;
}

/** Volunteers who may take a chat now, whatever their load (`p` presence, `s` staff). */
const AVAILABLE = (now: string) => sql`
  p.on_shift AND p.accepting AND p.disconnected_at IS NULL AND s.status = 'active'
  AND s.training_completed_at IS NOT NULL
  AND (p.cooldown_until IS NULL OR p.cooldown_until <= ${now}::timestamptz)`;

interface SeenVolunteer extends Candidate {
  display_name: string;
}

/**
 * Claims as many pairs as are possible right now, urgent survivors first, then the longest waiting. A survivor
 * needs a volunteer who speaks their language (and fits their preference, until it is relaxed); among those,
 * topic-trained first, then the least loaded, then the longest idle.
 *
 * Safe with any number of nodes claiming at once. The pairing is worked out on a snapshot, then only the chosen
 * volunteers are locked (FOR UPDATE SKIP LOCKED) and their active chats counted again in a later statement, which
 * sees everything committed by whoever held those rows; every conversation for a volunteer is created while
 * holding their presence row, so that count is exact, and a pair it does not confirm is dropped (`contended`: the
 * round is retried). Waiting entries are locked the same way. The first entry a round reads always fits a free
 * volunteer, so a round that pairs nobody and was not contended proves that nobody can be paired.
 */
export async function claimMatches(db: Db, clock: Clock): Promise<ClaimResult> {
  const now = clock.now();
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    // Most rounds (a chat ended, a volunteer came back) find nobody waiting: one cheap read settles them.
    const [queue] = rowsOf<{ waiting: boolean }>(
      await tx.execute(sql`
        SELECT EXISTS (SELECT 1 FROM queue_entries WHERE status = 'waiting' AND disconnected_at IS NULL) AS waiting`),
    );
    if (!queue?.waiting) return { matches: [], contended: false };

    /** Nobody paired: when does the next volunteer's rest end (so that a round runs then)? */
    const nobody = async (contended: boolean): Promise<ClaimResult> => {
      const [row] = rowsOf<{ next: Date | string | null }>(
        await tx.execute(sql`
          SELECT min(p.cooldown_until) AS next FROM volunteer_presence p
          WHERE p.on_shift AND p.accepting AND p.disconnected_at IS NULL AND p.cooldown_until > ${at}::timestamptz`),
      );
      return { matches: [], contended, ...(row?.next ? { nextCooldownEndsAt: new Date(row.next) } : {}) };
    };

    // Who has a free slot, by this statement's snapshot (confirmed under lock below).
    const candidates = rowsOf<SeenVolunteer>(
      await tx.execute(sql`
        SELECT s.id, s.languages, s.topics, s.gender, s.capacity, p.idle_since, s.display_name,
               coalesce(chats.n, 0)::int AS active
        FROM volunteer_presence p JOIN staff s ON s.id = p.staff_id
        LEFT JOIN (SELECT volunteer_id, count(*) AS n FROM conversations WHERE status = 'active' AND taken_over_by IS NULL GROUP BY volunteer_id) chats
          ON chats.volunteer_id = s.id
        WHERE ${AVAILABLE(at)} AND coalesce(chats.n, 0) < s.capacity`),
    );
    if (candidates.length === 0) return nobody(false);

    // Only entries some free volunteer could take: a language they speak, and a preference they fit (or relaxed).
    const languages = [...new Set(candidates.flatMap((v) => v.languages))];
    const fits = [...new Set(candidates.flatMap((v) => v.languages.map((l) => `${l}:${v.gender}`)))];
    const freeSlots = candidates.reduce((n, v) => n + v.capacity - v.active, 0);
    const limit = Math.min(CLAIM_BATCH_MAX, Math.max(50, freeSlots * 4));
    const waiting = rowsOf<WaitingEntry>(
      await tx.execute(sql`
        SELECT q.id, q.visitor_id, q.topic, q.language, q.want, q.preference, q.urgent, q.preference_relaxed,
               q.avoid_volunteer_id, q.previous_conversation_id, q.requeue_reason
        FROM queue_entries q
        WHERE q.status = 'waiting' AND q.disconnected_at IS NULL
          AND q.language IN (${sql.join(languages.map((l) => sql`${l}`), sql`, `)})
          AND (q.preference = 'none' OR q.preference_relaxed
               OR (q.language || ':' || q.preference) IN (${sql.join(fits.map((f) => sql`${f}`), sql`, `)}))
          AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = q.visitor_id AND c.status = 'active')
        ORDER BY q.urgent DESC, q.priority_at ASC
        LIMIT ${limit}
        FOR UPDATE OF q SKIP LOCKED`),
    );
    if (waiting.length === 0) return nobody(false);

    const proposed: { entry: WaitingEntry; volunteer: SeenVolunteer }[] = [];
    for (const entry of waiting) {
      const volunteer = bestVolunteerFor(entry, candidates) as SeenVolunteer | undefined;
      if (!volunteer) continue;
      volunteer.active += 1;
      volunteer.idle_since = now;
      proposed.push({ entry, volunteer });
      if (candidates.every((v) => v.active >= v.capacity)) break;
    }
    if (proposed.length === 0) return nobody(false);

    // Lock only the volunteers chosen, still available; then count their chats in a new statement (a fresh
    // snapshot, after the lock). A pair stands only if that count leaves room.
    const chosen = [...new Set(proposed.map((p) => p.volunteer.id))];
    const held = new Set(
      rowsOf<{ staff_id: string }>(
        await tx.execute(sql`
          SELECT p.staff_id FROM volunteer_presence p JOIN staff s ON s.id = p.staff_id
          WHERE p.staff_id IN (${sql.join(chosen.map((i) => sql`${i}`), sql`, `)}) AND ${AVAILABLE(at)}
          FOR UPDATE OF p SKIP LOCKED`),
      ).map((r) => r.staff_id),
    );
    const load = new Map<string, number>();
    if (held.size > 0) {
      for (const r of rowsOf<{ volunteer_id: string; n: number }>(
        await tx.execute(sql`
          SELECT volunteer_id, count(*)::int AS n FROM conversations
          WHERE status = 'active' AND taken_over_by IS NULL AND volunteer_id IN (${sql.join([...held].map((i) => sql`${i}`), sql`, `)})
          GROUP BY volunteer_id`),
      )) {
        load.set(r.volunteer_id, r.n);
      }
    }
    const pairs: { entry: WaitingEntry; volunteer: SeenVolunteer; conversationId: string }[] = [];
    for (const { entry, volunteer } of proposed) {
      const active = load.get(volunteer.id) ?? 0;
      if (!held.has(volunteer.id) || active >= volunteer.capacity) continue;
      load.set(volunteer.id, active + 1);
      pairs.push({ entry, volunteer, conversationId: randomUUID() });
    }
    // Someone else held or filled a chosen volunteer: what was dropped is paired again in a moment.
    const contended = pairs.length < proposed.length;
    if (pairs.length === 0) return nobody(contended);

    // One statement whatever the number of pairs (the conversations, the entries, the volunteers' idle time), so a
    // round of a hundred claims costs about what a round of one does.
    await tx.execute(sql`
      WITH pairs (conversation_id, entry_id, visitor_id, volunteer_id, topic, language, want, urgent, previous_id) AS (
        VALUES ${sql.join(
          pairs.map(
            ({ entry, volunteer, conversationId }) => sql`(${conversationId}::uuid, ${entry.id}::uuid,
              ${entry.visitor_id}::uuid, ${volunteer.id}::uuid, ${entry.topic}::text, ${entry.language}::text,
              ${entry.want}::text, ${entry.urgent}::boolean, ${entry.previous_conversation_id}::uuid)`,
          ),
          sql`, `,
        )}
      ),
      started AS (
        INSERT INTO conversations (id, visitor_id, volunteer_id, queue_entry_id, topic, language, want, urgent,
                                   status, started_at, last_seq, risk, previous_conversation_id)
        SELECT conversation_id, visitor_id, volunteer_id, entry_id, topic, language, want, urgent,
               'active', ${at}::timestamptz, 0,
               -- A survivor back from the queue keeps the risk their chat had: the next volunteer must know it.
               COALESCE((SELECT prev.risk FROM conversations prev WHERE prev.id = pairs.previous_id), 'normal'),
               previous_id
        FROM pairs
      ),
      matched AS (
        UPDATE queue_entries q SET status = 'matched', matched_at = ${at}::timestamptz, conversation_id = p.conversation_id
        FROM pairs p WHERE q.id = p.entry_id
      )
      UPDATE volunteer_presence SET idle_since = ${at}::timestamptz, updated_at = ${at}::timestamptz
      WHERE staff_id IN (SELECT volunteer_id FROM pairs)`);

    const matches: Match[] = pairs.map(({ entry, volunteer, conversationId }) => ({
      conversationId,
      visitorId: entry.visitor_id,
      volunteerId: volunteer.id,
      ...(entry.previous_conversation_id ? { previousConversationId: entry.previous_conversation_id } : {}),
      ...(entry.requeue_reason ? { requeueReason: entry.requeue_reason } : {}),
      // A chat that continues another is read back (its thread id comes from the part before it).
      ...(entry.previous_conversation_id ? {} : { view: {
        id: conversationId,
        status: 'active',
        topic: entry.topic as Topic,
        language: entry.language as Language,
        want: entry.want as Want,
        urgent: entry.urgent,
        startedAt: at,
        volunteerName: volunteer.display_name,
        lastSeq: 0,
        threadId: conversationId,
      } satisfies ConversationView }),
    }));
    return { matches, contended, more: waiting.length === limit };
  });
}

/** The rules, as a pure function: the volunteer this survivor should get among the candidates, if any. */
export function bestVolunteerFor(
  entry: Pick<WaitingEntry, 'language' | 'topic' | 'preference' | 'preference_relaxed' | 'avoid_volunteer_id'>,
  candidates: Candidate[],
): Candidate | undefined {
  const strictPreference = entry.preference !== 'none' && !entry.preference_relaxed;
  let best: Candidate | undefined;
  for (const v of candidates) {
    if (v.active >= v.capacity) continue;
    if (!v.languages.includes(entry.language)) continue;
    if (strictPreference && v.gender !== entry.preference) continue;
    if (v.id === entry.avoid_volunteer_id) continue;
    if (!best || compareVolunteers(entry, v, best) < 0) best = v;
  }
  return best;
}

/** Negative when `a` should get the chat before `b`. */
function compareVolunteers(entry: Pick<WaitingEntry, 'topic' | 'preference'>, a: Candidate, b: Candidate): number {
  const trained = Number(b.topics.includes(entry.topic)) - Number(a.topics.includes(entry.topic));
  if (trained !== 0) return trained;
  // A relaxed preference is still honoured when it can be.
  const prefers =
    entry.preference !== 'none' ? Number(b.gender === entry.preference) - Number(a.gender === entry.preference) : 0;
  if (prefers !== 0) return prefers;
  if (a.active !== b.active) return a.active - b.active;
  const idle = idleMs(a) - idleMs(b);
  if (idle !== 0) return idle;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** When the volunteer last became free; never (null) counts as the longest idle of all. */
function idleMs(v: Candidate): number {
  return v.idle_since === null ? 0 : new Date(v.idle_since).getTime();
}

/**
 * A necessary condition for a pair, read outside any transaction: someone connected waits, and some volunteer on
 * shift, accepting and connected has fewer chats than their capacity. During a surge most rounds (a join while
 * every volunteer is busy) stop here, and the claim's transaction (five statements holding the embedded
 * database's one connection, every other statement waiting behind it) is not begun. The claim checks everything
 * else itself (status, training, cool-down, language, preference); a slot freed after this read kicks its own round.
 * (jobs/matchmaker.ts runs this before each claim.)
 */
export async function anyPairPossible(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ possible: boolean }>(
    await db.execute(sql`
      SELECT EXISTS (SELECT 1 FROM queue_entries WHERE status = 'waiting' AND disconnected_at IS NULL)
         AND EXISTS (
           SELECT 1 FROM volunteer_presence p JOIN staff s ON s.id = p.staff_id
           WHERE p.on_shift AND p.accepting AND p.disconnected_at IS NULL
             AND (SELECT count(*) FROM conversations c WHERE c.volunteer_id = p.staff_id AND c.status = 'active' AND c.taken_over_by IS NULL) < s.capacity
         ) AS possible`),
  );
  return row?.possible !== false;
}
