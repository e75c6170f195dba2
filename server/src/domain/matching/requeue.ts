// Puts a survivor whose conversation cannot go on back at the FRONT of the queue, with the same intake.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ConversationEnded, EndReason, EndedBy } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { rowsOf } from '../../db/connect.js';
import type { Clock } from '../core/clock.js';
import { Conflict } from '../core/errors.js';

export interface ReturnToQueueOptions {
  /** Why the conversation ended: 'volunteer_unavailable', 'transferred', or a caller's own reason code. */
  reason: EndReason | string;
  endedBy: EndedBy;
  /** The volunteer's pause after this chat; none by default (the chat did not end by their choice). */
  cooldownSeconds?: number;
  /** A private note for the next volunteer, already encrypted with the field cipher, and who wrote it. */
  note?: { authorId: string; bodyEnc: string };
  /** Only if the conversation is still with this volunteer (a transfer must not act on someone else's chat). */
  volunteerId?: string;
}

/** What the notifier needs to tell both sides and the queue. */
export interface ReturnedToQueue {
  /** For conversation:ended; `continues: 'queue'` tells the survivor they are not left alone. */
  ended: ConversationEnded;
  conversationId: string;
  visitorId: string;
  volunteerId: string;
  /** The survivor's new waiting entry, at the front of their urgency class. */
  queueEntryId: string;
  urgent: boolean;
}

interface EndedRow {
  id: string;
  visitor_id: string;
  volunteer_id: string;
  queue_entry_id: string | null;
  topic: string;
  language: string;
  want: string;
  urgent: boolean;
}

interface IntakeRow {
  preference: string;
  preference_relaxed: boolean;
  keep_preference: boolean;
}

/**
 * Ends an active conversation and puts its survivor back in the queue ahead of everyone waiting in their urgency
 * class, with the same topic, language, wish, urgency and preference, and never again with this volunteer.
 * One transaction: either the survivor is back in line, or nothing changed. Throws Conflict if the conversation
 * is no longer active (or, with `volunteerId`, no longer with that volunteer).
 *
 * The caller tells the clients: conversation:ended (with `continues: 'queue'`), then the survivor's queue:status,
 * and kicks the matchmaker (`announceReturnedToQueue` in commands/returnToQueue.ts does all three).
 */
export async function returnConversationToQueue(
  db: Db,
  clock: Clock,
  conversationId: string,
  opts: ReturnToQueueOptions,
): Promise<ReturnedToQueue> {
  const now = clock.now();
  return db.transaction(async (tx) => requeueInTransaction(tx, now, conversationId, opts));
}

/** The body of returnConversationToQueue, for callers that already hold a transaction. */
export async function requeueInTransaction(
  tx: Db,
  now: Date,
  conversationId: string,
  opts: ReturnToQueueOptions,
): Promise<ReturnedToQueue> {
  const at = now.toISOString();
  const volunteerGuard = opts.volunteerId ? sql`AND volunteer_id = ${opts.volunteerId}` : sql``;
  const [conv] = rowsOf<EndedRow>(
    await tx.execute(sql`
      UPDATE conversations
      SET status = 'ended', ended_at = ${at}::timestamptz, ended_by = ${opts.endedBy}, end_reason = ${opts.reason}
      WHERE id = ${conversationId} AND status = 'active' ${volunteerGuard}
      RETURNING id, visitor_id, volunteer_id, queue_entry_id, topic, language, want, urgent`),
  );
  if (!conv) throw new Conflict('This conversation is no longer active.');

  const cooldown = opts.cooldownSeconds ?? 0;
  await tx.execute(sql`
    UPDATE volunteer_presence
    SET idle_since = ${at}::timestamptz, updated_at = ${at}::timestamptz,
        cooldown_until = CASE WHEN ${cooldown}::int > 0
                              THEN ${at}::timestamptz + make_interval(secs => ${cooldown}::int)
                              ELSE cooldown_until END
    WHERE staff_id = ${conv.volunteer_id}`);

  const [intake] = conv.queue_entry_id
    ? rowsOf<IntakeRow>(
        await tx.execute(sql`
          SELECT preference, preference_relaxed, keep_preference FROM queue_entries WHERE id = ${conv.queue_entry_id}`),
      )
    : [];

  // Ahead of everyone waiting in the same urgency class: a millisecond before the earliest of them.
  const [front] = rowsOf<{ priority_at: Date | string }>(
    await tx.execute(sql`
      SELECT LEAST(${at}::timestamptz,
                   COALESCE(min(priority_at) - interval '1 millisecond', ${at}::timestamptz)) AS priority_at
      FROM queue_entries WHERE status = 'waiting' AND urgent = ${conv.urgent}`),
  );
  const priorityAt = new Date(front!.priority_at).toISOString();

  const entryId = randomUUID();
  const inserted = rowsOf<{ id: string }>(
    await tx.execute(sql`
      INSERT INTO queue_entries (id, visitor_id, topic, language, want, preference, urgent, status, queued_at,
                                 priority_at, preference_relaxed, keep_preference, previous_conversation_id,
                                 avoid_volunteer_id, requeue_reason)
      VALUES (${entryId}, ${conv.visitor_id}, ${conv.topic}, ${conv.language}, ${conv.want},
              ${intake?.preference ?? 'none'}, ${conv.urgent}, 'waiting', ${at}::timestamptz, ${priorityAt}::timestamptz,
              ${intake?.preference_relaxed ?? false}, ${intake?.keep_preference ?? false}, ${conv.id},
              ${conv.volunteer_id}, ${opts.reason})
      ON CONFLICT DO NOTHING
      RETURNING id`),
  );
  let queueEntryId = inserted[0]?.id;
  if (!queueEntryId) {
    // The survivor had already queued again (a stray join): that entry moves to the front instead.
    const [existing] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        UPDATE queue_entries
        SET priority_at = ${priorityAt}::timestamptz, urgent = ${conv.urgent}, previous_conversation_id = ${conv.id},
            avoid_volunteer_id = ${conv.volunteer_id}, requeue_reason = ${opts.reason}
        WHERE visitor_id = ${conv.visitor_id} AND status = 'waiting'
        RETURNING id`),
    );
    if (!existing) throw new Conflict('Could not put the survivor back in the queue; please try again.');
    queueEntryId = existing.id;
  }

  if (opts.note) {
    await tx.execute(sql`
      INSERT INTO handoff_notes (id, conversation_id, author_id, body_enc, created_at)
      VALUES (${randomUUID()}, ${conv.id}, ${opts.note.authorId}, ${opts.note.bodyEnc}, ${at}::timestamptz)`);
  }

  return {
    ended: {
      conversationId: conv.id,
      endedBy: opts.endedBy,
      reason: opts.reason as EndReason,
      endedAt: at,
      continues: 'queue',
    },
    conversationId: conv.id,
    visitorId: conv.visitor_id,
    volunteerId: conv.volunteer_id,
    queueEntryId,
    urgent: conv.urgent,
  };
}

/**
 * Active conversations whose volunteer lost their last connection more than `graceSeconds` ago: the grace period
 * is over and the survivor goes back to the front of the queue. Read by the sweep on any node.
 */
export async function conversationsPastGrace(db: Db, clock: Clock, graceSeconds: number): Promise<string[]> {
  const cutoff = new Date(clock.now().getTime() - graceSeconds * 1000).toISOString();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      SELECT c.id FROM conversations c JOIN volunteer_presence p ON p.staff_id = c.volunteer_id
      WHERE c.status = 'active' AND p.disconnected_at IS NOT NULL AND p.disconnected_at <= ${cutoff}::timestamptz
      ORDER BY c.started_at`),
  );
  return rows.map((r) => r.id);
}

/**
 * Returns every conversation past its grace period to the queue. Each is its own transaction, and only while its
 * volunteer is still disconnected and past the grace (a volunteer who just came back keeps the chat); a
 * conversation another node already handled is skipped.
 */
export async function requeueConversationsPastGrace(db: Db, clock: Clock, graceSeconds: number): Promise<ReturnedToQueue[]> {
  const results: ReturnedToQueue[] = [];
  for (const id of await conversationsPastGrace(db, clock, graceSeconds)) {
    const now = clock.now();
    const cutoff = new Date(now.getTime() - graceSeconds * 1000).toISOString();
    try {
      const result = await db.transaction(async (tx) => {
        // Conversation first, then presence: the order every writer of both uses, so none deadlocks. Locking the
        // presence row means a reconnect (which clears disconnected_at) either lands before, and the volunteer keeps
        // the chat, or after, and finds the survivor back in the queue.
        const [conv] = rowsOf<{ volunteer_id: string }>(
          await tx.execute(sql`SELECT volunteer_id FROM conversations WHERE id = ${id} AND status = 'active' FOR UPDATE`),
        );
        if (!conv) return undefined;
        const [away] = rowsOf<{ staff_id: string }>(
          await tx.execute(sql`
            SELECT staff_id FROM volunteer_presence
            WHERE staff_id = ${conv.volunteer_id}
              AND disconnected_at IS NOT NULL AND disconnected_at <= ${cutoff}::timestamptz
            FOR UPDATE`),
        );
        if (!away) return undefined;
        return requeueInTransaction(tx, now, id, {
          reason: 'volunteer_unavailable',
          endedBy: 'system',
          volunteerId: away.staff_id,
        });
      });
      if (result) results.push(result);
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
    }
  }
  return results;
}
