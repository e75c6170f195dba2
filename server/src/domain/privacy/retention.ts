// Transcript retention: deletes what was said in a conversation once it is no longer needed, or when the survivor asks.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/connect.js';
import { errorFields, type Logger } from '../../logger.js';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import { Conflict, Forbidden } from '../core/errors.js';

/**
 * Where a conversation's content lives. Besides `messages`, any table with a `conversation_id` column and an
 * encrypted column (named `*_enc`, the project's convention for ciphertext) holds content of that conversation
 * (private notes, hand-off notes) and its rows go with the transcript; nullable `*_enc` columns on
 * `conversations` itself are cleared. Tables listed here are records that must outlive the transcript.
 */
const KEPT_AFTER_TRANSCRIPT: readonly string[] = [
  // Flags and their decisions are the moderation record; 0006's trigger on transcript_deleted_at clears the
  // reporter's own words (note_enc) when the transcript goes, and the decision stays.
  'flags',
];

interface ContentPlaces {
  tables: string[];
  conversationColumns: string[];
}

/** Reads the schema for the places that hold conversation content; the schema only changes at start-up. */
async function contentPlaces(db: Db): Promise<ContentPlaces> {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`
      SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'conversation_id'
      INTERSECT
      SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name LIKE '%\_enc'`),
  )
    .map((r) => r.table_name)
    .filter((t) => !KEPT_AFTER_TRANSCRIPT.includes(t))
    .sort();
  const conversationColumns = rowsOf<{ column_name: string }>(
    await db.execute(sql`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'conversations'
        AND column_name LIKE '%\_enc' AND is_nullable = 'YES'`),
  ).map((r) => r.column_name);
  return { tables, conversationColumns };
}

type DeletedBy = 'visitor' | 'retention';

/**
 * Deletes one conversation's content in one transaction, if `condition` (on the conversations row) still holds
 * once the row is locked: ended, not under review, not already deleted. Returns whether it deleted.
 * Marking the row first takes its lock, so a flag raised at the same moment either lands before (and the
 * row no longer qualifies) or after (and finds `transcript_deleted_at` set).
 */
async function purgeTranscript(
  db: Db,
  places: ContentPlaces,
  conversationId: string,
  deletedBy: DeletedBy,
  now: Date,
  condition: SQL,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const clearColumns = places.conversationColumns.map((c) => sql`, ${sql.identifier(c)} = NULL`);
    const marked = rowsOf<{ id: string }>(
      await tx.execute(sql`
        UPDATE conversations
        SET transcript_deleted_at = ${now.toISOString()}::timestamptz, transcript_deleted_by = ${deletedBy}${sql.join(clearColumns, sql``)}
        WHERE id = ${conversationId} AND status = 'ended' AND NOT under_review AND transcript_deleted_at IS NULL
          AND ${condition}
        RETURNING id`),
    );
    if (marked.length === 0) return false;
    for (const table of places.tables) {
      await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE conversation_id = ${conversationId}`);
    }
    return true;
  });
}

/**
 * True when the conversation's last event (its end, or its review closing) is more than the period ago, and so is
 * that of every other part of its thread (0016): a chat that was transferred or returned to the queue is one chat,
 * kept while any part of it is open or under review, and kept for the period after its last part.
 */
function expiredBefore(cutoff: Date): SQL {
  // GREATEST ignores NULL: with no review it is ended_at; with a closed review, whichever came later.
  const at = sql`${cutoff.toISOString()}::timestamptz`;
  return sql`GREATEST(ended_at, review_closed_at) < ${at}
    AND NOT EXISTS (
      SELECT 1 FROM conversations part WHERE part.thread_id = conversations.thread_id AND part.id <> conversations.id
        AND (part.status <> 'ended' OR part.under_review OR GREATEST(part.ended_at, part.review_closed_at) >= ${at}))`;
}

const SWEEP_BATCH = 200;

export interface RetentionResult {
  /** Conversations whose transcript this sweep deleted. */
  deleted: number;
  /** Conversations that failed (logged, retried on the next sweep). */
  failed: number;
  /** Visitors whose IP hash was dropped: nothing of theirs is left to review or to ban them over. */
  addressesForgotten: number;
}

/**
 * Deletes the transcripts of conversations that ended more than `retentionHours` ago, or whose review closed
 * more than that long ago; never one under review. Each conversation is its own transaction, so one failure
 * does not hold back the rest; several nodes may sweep at once (the second to reach a row finds it done).
 */
export async function sweepExpiredTranscripts(
  db: Db,
  clock: Clock,
  logger: Logger,
  retentionHours: number,
): Promise<RetentionResult> {
  const now = clock.now();
  const cutoff = new Date(now.getTime() - retentionHours * 3_600_000);
  const result: RetentionResult = { deleted: 0, failed: 0, addressesForgotten: 0 };
  let places: ContentPlaces | undefined;
  const failed = new Set<string>();
  for (;;) {
    const due = rowsOf<{ id: string }>(
      await db.execute(sql`
        SELECT id FROM conversations
        WHERE status = 'ended' AND transcript_deleted_at IS NULL AND NOT under_review AND ${expiredBefore(cutoff)}
        ORDER BY ended_at
        LIMIT ${SWEEP_BATCH + failed.size}`),
    ).filter((r) => !failed.has(r.id));
    if (due.length === 0) break;
    places ??= await contentPlaces(db);
    for (const { id } of due) {
      try {
        if (await purgeTranscript(db, places, id, 'retention', now, expiredBefore(cutoff))) result.deleted += 1;
      } catch (err) {
        failed.add(id);
        result.failed += 1;
        logger.warn('retention.purge_failed', { conversationId: id, ...errorFields(err) });
      }
    }
    if (due.length < SWEEP_BATCH) break;
  }
  result.addressesForgotten = await forgetVisitorAddresses(db, cutoff);
  if (result.deleted > 0 || result.failed > 0 || result.addressesForgotten > 0) {
    logger.info('retention.swept', { ...result, retentionHours });
    await recordAudit(db, clock, {
      actorId: null,
      actorRole: 'system',
      action: 'retention.transcripts_deleted',
      details: { ...result, retentionHours },
    });
  }
  return result;
}

/**
 * A visitor's IP hash is kept only while it may still be needed to ban them: while any conversation of theirs
 * is open, still has its transcript, or is under review, and while they wait in the queue. After that,
 * and once they were last seen more than the retention period ago, it goes: the row is then anonymous.
 */
async function forgetVisitorAddresses(db: Db, cutoff: Date): Promise<number> {
  const forgotten = rowsOf<{ id: string }>(
    await db.execute(sql`
      UPDATE visitors v SET ip_hash = NULL
      WHERE v.ip_hash IS NOT NULL AND v.last_seen_at < ${cutoff.toISOString()}::timestamptz
        AND NOT EXISTS (
          SELECT 1 FROM conversations c WHERE c.visitor_id = v.id
            AND (c.status <> 'ended' OR c.under_review OR c.transcript_deleted_at IS NULL))
        AND NOT EXISTS (SELECT 1 FROM queue_entries q WHERE q.visitor_id = v.id AND q.status = 'waiting')
      RETURNING v.id`),
  );
  return forgotten.length;
}

/**
 * When the next sweep has something to do: the earliest moment a transcript (ended, not under review) or a visitor's
 * address (as `forgetVisitorAddresses` decides) passes the period. Null when nothing is kept that could expire: a
 * chat ending, a review closing or a visitor arriving (0014's `retention` signal) is what changes that.
 */
export async function nextRetentionDue(db: Db, retentionHours: number): Promise<Date | null> {
  const [row] = rowsOf<{ at: Date | string | null }>(
    await db.execute(sql`
      SELECT LEAST(
        -- A thread expires as one: when its last part does, once every part has ended and none is under review.
        (SELECT min(at) FROM (
           SELECT max(GREATEST(ended_at, review_closed_at)) AS at FROM conversations GROUP BY thread_id
           HAVING bool_and(status = 'ended' AND NOT under_review) AND bool_or(transcript_deleted_at IS NULL)) threads),
        (SELECT min(v.last_seen_at) FROM visitors v
         WHERE v.ip_hash IS NOT NULL
           AND NOT EXISTS (
             SELECT 1 FROM conversations c WHERE c.visitor_id = v.id
               AND (c.status <> 'ended' OR c.under_review OR c.transcript_deleted_at IS NULL))
           AND NOT EXISTS (SELECT 1 FROM queue_entries q WHERE q.visitor_id = v.id AND q.status = 'waiting'))
      ) AS at`),
  );
  return row?.at ? new Date(new Date(row.at).getTime() + retentionHours * 3_600_000) : null;
}

export interface TranscriptDeletion {
  conversationId: string;
  /** This conversation and the earlier parts of the same chat (before a transfer or a return to the queue). */
  conversationIds: string[];
  deletedAt: Date;
  visitorId: string;
  /** Every volunteer who took part in the chat, to be told. */
  volunteerIds: string[];
}

const MAX_CHAIN = 50;

/** The conversation and those it continues (`previous_conversation_id`), all of the same visitor, newest first. */
async function chatChain(db: Db, visitorId: string, conversationId: string): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await db.execute(sql`
      WITH RECURSIVE chain(id, previous, depth) AS (
        SELECT id, previous_conversation_id, 0 FROM conversations WHERE id = ${conversationId} AND visitor_id = ${visitorId}
        UNION ALL
        SELECT c.id, c.previous_conversation_id, chain.depth + 1
        FROM conversations c JOIN chain ON c.id = chain.previous
        WHERE c.visitor_id = ${visitorId} AND chain.depth < ${MAX_CHAIN}
      )
      SELECT id FROM chain ORDER BY depth`),
  ).map((r) => r.id);
}

const inList = (ids: string[]) => sql`(${sql.join(
  ids.map((id) => sql`${id}::uuid`),
  sql`, `,
)})`;

/**
 * The survivor deletes a conversation now: only their own, only once it has ended, and not while it is under
 * review (they are told why). A chat that was transferred or returned to the queue spans several
 * conversations; the survivor sees one chat, so all its parts go together, or none. Deleting again answers
 * the first deletion.
 */
export async function deleteTranscriptForVisitor(
  db: Db,
  clock: Clock,
  visitorId: string,
  conversationId: string,
  retentionHours: number,
): Promise<TranscriptDeletion> {
  const now = clock.now();
  const chain = await chatChain(db, visitorId, conversationId);
  // The same answer for "not yours" and "does not exist", so ids cannot be probed.
  if (chain.length === 0) throw new Forbidden('You are not part of this conversation.');
  const places = await contentPlaces(db);
  const result = await db.transaction(async (tx) => {
    const rows = rowsOf<{
      id: string;
      volunteer_id: string;
      status: string;
      under_review: boolean;
      transcript_deleted_at: Date | string | null;
    }>(
      await tx.execute(sql`
        SELECT id, volunteer_id, status, under_review, transcript_deleted_at
        FROM conversations WHERE id IN ${inList(chain)} ORDER BY id FOR UPDATE`),
    );
    if (rows.some((r) => r.status !== 'ended')) throw new Conflict('End the chat first; then you can delete it.');
    if (rows.some((r) => r.under_review)) {
      throw new Conflict(
        'This conversation is being reviewed by our safety team after a report, so it cannot be deleted now. ' +
          `It will be deleted automatically ${hoursText(retentionHours)} after the review is closed.`,
        { reason: 'under_review', retentionHours },
      );
    }
    const pending = rows.filter((r) => !r.transcript_deleted_at).map((r) => r.id);
    if (pending.length > 0) {
      await tx.execute(sql`
        UPDATE conversations SET transcript_deleted_at = ${now.toISOString()}::timestamptz, transcript_deleted_by = 'visitor'
          ${sql.join(places.conversationColumns.map((c) => sql`, ${sql.identifier(c)} = NULL`), sql``)}
        WHERE id IN ${inList(pending)}`);
      for (const table of places.tables) {
        await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE conversation_id IN ${inList(pending)}`);
      }
    }
    const latest = rows.find((r) => r.id === conversationId)!;
    return {
      pending,
      deletedAt: latest.transcript_deleted_at ? new Date(latest.transcript_deleted_at) : now,
      volunteerIds: [...new Set(rows.map((r) => r.volunteer_id))],
    };
  });
  for (const id of result.pending) {
    await recordAudit(db, clock, {
      actorId: visitorId,
      actorRole: 'visitor',
      action: 'transcript.deleted_by_visitor',
      targetType: 'conversation',
      targetId: id,
    });
  }
  return {
    conversationId,
    conversationIds: chain,
    deletedAt: result.deletedAt,
    visitorId,
    volunteerIds: result.volunteerIds,
  };
}

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
