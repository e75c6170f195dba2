// Transfers: a volunteer passes a chat to another eligible volunteer or back to the front of the queue, with a note.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ConversationEnded, Handoff, HandoffNote, TransferCandidate } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { rowsOf } from '../../db/connect.js';
import type { FieldCipher } from '../../security/cipher.js';
import type { Clock } from '../core/clock.js';
import { Conflict, Forbidden } from '../core/errors.js';
import { requeueInTransaction, type ReturnedToQueue } from './requeue.js';

export interface TransferRequest {
  conversationId: string;
  /** The volunteer passing the chat on; must be the conversation's volunteer. */
  fromVolunteerId: string;
  /** The private note for the next volunteer (plain text; stored encrypted). */
  note?: string;
  /** The passing volunteer's pause after this chat. */
  cooldownSeconds: number;
}

export interface TransferredToVolunteer {
  ended: ConversationEnded;
  conversationId: string;
  newConversationId: string;
  visitorId: string;
  fromVolunteerId: string;
  toVolunteerId: string;
  toVolunteerName: string;
}

interface ActiveConversation {
  id: string;
  visitor_id: string;
  volunteer_id: string;
  queue_entry_id: string | null;
  topic: string;
  language: string;
  want: string;
  urgent: boolean;
  risk: string;
}

/** The conversation if `volunteerId` is its volunteer and it is active; Forbidden (not yours) or Conflict (ended). */
async function lockOwnActiveConversation(tx: Db, conversationId: string, volunteerId: string): Promise<ActiveConversation> {
  const [conv] = rowsOf<ActiveConversation & { status: string }>(
    await tx.execute(sql`
      SELECT id, visitor_id, volunteer_id, queue_entry_id, topic, language, want, urgent, risk, status
      FROM conversations WHERE id = ${conversationId} FOR UPDATE`),
  );
  if (!conv || conv.volunteer_id !== volunteerId) throw new Forbidden('You are not part of this conversation.');
  if (conv.status !== 'active') throw new Conflict('This conversation has already ended.');
  return conv;
}

/** Back to the front of the queue, never to this volunteer again; the note waits for whoever is matched next. */
export async function transferToQueue(
  db: Db,
  clock: Clock,
  cipher: FieldCipher,
  req: TransferRequest,
): Promise<ReturnedToQueue> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    await lockOwnActiveConversation(tx, req.conversationId, req.fromVolunteerId);
    return requeueInTransaction(tx, now, req.conversationId, {
      reason: 'transferred',
      endedBy: 'volunteer',
      volunteerId: req.fromVolunteerId,
      cooldownSeconds: req.cooldownSeconds,
      ...(req.note ? { note: { authorId: req.fromVolunteerId, bodyEnc: cipher.encrypt(req.note) } } : {}),
    });
  });
}

/** SQL condition: volunteer `s`/presence `p` can take a new chat in `language` now. */
const canTakeChat = (language: string, at: string) => sql`
  p.on_shift AND p.accepting AND p.disconnected_at IS NULL AND s.status = 'active'
  AND s.training_completed_at IS NOT NULL AND ${language} = ANY(s.languages)
  AND (p.cooldown_until IS NULL OR p.cooldown_until <= ${at}::timestamptz)`;

/**
 * Ends the conversation as 'transferred' and starts one between the same survivor and `toVolunteerId`, with the
 * same intake and risk, in one transaction; the note goes with it. The target must be eligible right now (on
 * shift, connected, accepting, rested, speaks the language, below capacity): Conflict otherwise.
 */
export async function transferToVolunteer(
  db: Db,
  clock: Clock,
  cipher: FieldCipher,
  req: TransferRequest & { toVolunteerId: string },
): Promise<TransferredToVolunteer> {
  if (req.toVolunteerId === req.fromVolunteerId) throw new Conflict('Choose another volunteer.');
  const now = clock.now();
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const conv = await lockOwnActiveConversation(tx, req.conversationId, req.fromVolunteerId);
    // Both presence rows in one order, so two transfers crossing each other wait rather than deadlock; a claim
    // holding the target's row makes us wait a moment, and then we count what it committed.
    const ordered = [req.fromVolunteerId, req.toVolunteerId].sort();
    await tx.execute(sql`
      SELECT staff_id FROM volunteer_presence WHERE staff_id IN (${ordered[0]}, ${ordered[1]})
      ORDER BY staff_id FOR UPDATE`);
    const [target] = rowsOf<{ id: string; display_name: string; capacity: number }>(
      await tx.execute(sql`
        SELECT s.id, s.display_name, s.capacity FROM staff s JOIN volunteer_presence p ON p.staff_id = s.id
        WHERE s.id = ${req.toVolunteerId} AND ${canTakeChat(conv.language, at)}`),
    );
    if (!target) throw new Conflict('That volunteer cannot take this chat right now.');
    const [load] = rowsOf<{ n: number }>(
      await tx.execute(sql`
        SELECT count(*)::int AS n FROM conversations WHERE volunteer_id = ${target.id} AND status = 'active' AND taken_over_by IS NULL`),
    );
    if ((load?.n ?? 0) >= target.capacity) throw new Conflict('That volunteer has no free chat slot right now.');

    await tx.execute(sql`
      UPDATE conversations SET status = 'ended', ended_at = ${at}::timestamptz, ended_by = 'volunteer',
             end_reason = 'transferred'
      WHERE id = ${conv.id}`);
    const newConversationId = randomUUID();
    await tx.execute(sql`
      INSERT INTO conversations (id, visitor_id, volunteer_id, queue_entry_id, topic, language, want, urgent, status,
                                 started_at, last_seq, risk, previous_conversation_id)
      VALUES (${newConversationId}, ${conv.visitor_id}, ${target.id}, ${conv.queue_entry_id}, ${conv.topic},
              ${conv.language}, ${conv.want}, ${conv.urgent}, 'active', ${at}::timestamptz, 0, ${conv.risk}, ${conv.id})`);
    await tx.execute(sql`
      UPDATE volunteer_presence SET idle_since = ${at}::timestamptz, updated_at = ${at}::timestamptz
      WHERE staff_id = ${target.id}`);
    await tx.execute(sql`
      UPDATE volunteer_presence
      SET idle_since = ${at}::timestamptz, updated_at = ${at}::timestamptz,
          cooldown_until = CASE WHEN ${req.cooldownSeconds}::int > 0
                                THEN ${at}::timestamptz + make_interval(secs => ${req.cooldownSeconds}::int)
                                ELSE cooldown_until END
      WHERE staff_id = ${req.fromVolunteerId}`);
    if (req.note) {
      await tx.execute(sql`
        INSERT INTO handoff_notes (id, conversation_id, author_id, body_enc, created_at)
        VALUES (${randomUUID()}, ${conv.id}, ${req.fromVolunteerId}, ${cipher.encrypt(req.note)}, ${at}::timestamptz)`);
    }
    return {
      ended: { conversationId: conv.id, endedBy: 'volunteer', reason: 'transferred', endedAt: at, continues: 'volunteer' },
      conversationId: conv.id,
      newConversationId,
      visitorId: conv.visitor_id,
      fromVolunteerId: req.fromVolunteerId,
      toVolunteerId: target.id,
      toVolunteerName: target.display_name,
    };
  });
}

/** Volunteers this conversation could go to right now, the topic-trained and least loaded first. */
export async function transferCandidates(
  db: Db,
  clock: Clock,
  conversationId: string,
  callerId: string,
): Promise<TransferCandidate[]> {
  const [conv] = rowsOf<{ volunteer_id: string; taken_over_by: string | null; language: string; topic: string; status: string }>(
    await db.execute(sql`SELECT volunteer_id, taken_over_by, language, topic, status FROM conversations WHERE id = ${conversationId}`),
  );
  // The chat's volunteer, or the supervisor who took it over (to hand it to someone else).
  if (!conv || (conv.volunteer_id !== callerId && conv.taken_over_by !== callerId)) throw new Forbidden('You are not part of this conversation.');
  const volunteerId = conv.volunteer_id;
  if (conv.status !== 'active') throw new Conflict('This conversation has already ended.');
  const at = clock.now().toISOString();
  const rows = rowsOf<{ id: string; display_name: string; capacity: number; topics: string[]; active: number }>(
    await db.execute(sql`
      SELECT s.id, s.display_name, s.capacity, s.topics,
             (SELECT count(*)::int FROM conversations c WHERE c.volunteer_id = s.id AND c.status = 'active' AND c.taken_over_by IS NULL) AS active
      FROM staff s JOIN volunteer_presence p ON p.staff_id = s.id
      WHERE s.id <> ${volunteerId} AND ${canTakeChat(conv.language, at)}`),
  );
  return rows
    .filter((r) => r.active < r.capacity)
    .map((r) => ({
      id: r.id,
      displayName: r.display_name,
      activeConversations: r.active,
      capacity: r.capacity,
      topicTrained: r.topics.includes(conv.topic),
    }))
    .sort(
      (a, b) =>
        Number(b.topicTrained) - Number(a.topicTrained) ||
        a.activeConversations - b.activeConversations ||
        a.displayName.localeCompare(b.displayName),
    );
}

/** How far back a chain of hand-offs is read for notes. */
const HANDOFF_DEPTH = 5;

/**
 * The hand-off of a conversation, for its volunteer only: why it came to them and the private notes written in
 * the conversations before it (newest first); null when it was not handed on. Forbidden for anyone else,
 * survivors included.
 */
export async function handoffFor(db: Db, cipher: FieldCipher, conversationId: string, volunteerId: string): Promise<Handoff | null> {
  const [conv] = rowsOf<{ volunteer_id: string; previous_conversation_id: string | null }>(
    await db.execute(sql`SELECT volunteer_id, previous_conversation_id FROM conversations WHERE id = ${conversationId}`),
  );
  if (!conv || conv.volunteer_id !== volunteerId) throw new Forbidden('You are not part of this conversation.');
  if (!conv.previous_conversation_id) return null;
  const chain = rowsOf<{ id: string; end_reason: string | null; volunteer_name: string | null; depth: number }>(
    await db.execute(sql`
      WITH RECURSIVE chain(id, depth) AS (
        SELECT ${conv.previous_conversation_id}::uuid, 1
        UNION ALL
        SELECT c.previous_conversation_id, chain.depth + 1 FROM conversations c JOIN chain ON c.id = chain.id
        WHERE c.previous_conversation_id IS NOT NULL AND chain.depth < ${HANDOFF_DEPTH}
      )
      SELECT c.id, c.end_reason, s.display_name AS volunteer_name, chain.depth
      FROM chain JOIN conversations c ON c.id = chain.id LEFT JOIN staff s ON s.id = c.volunteer_id
      ORDER BY chain.depth`),
  );
  const previous = chain[0];
  if (!previous) return null;
  const notes = rowsOf<{ conversation_id: string; body_enc: string; created_at: Date | string; author_name: string | null }>(
    await db.execute(sql`
      SELECT n.conversation_id, n.body_enc, n.created_at, s.display_name AS author_name
      FROM handoff_notes n LEFT JOIN staff s ON s.id = n.author_id
      WHERE n.conversation_id IN (${sql.join(chain.map((c) => sql`${c.id}`), sql`, `)})
      ORDER BY n.created_at DESC`),
  );
  return {
    conversationId,
    reason: previous.end_reason ?? 'transferred',
    previousConversationId: previous.id,
    ...(previous.volunteer_name ? { previousVolunteerName: previous.volunteer_name } : {}),
    notes: notes.map(
      (n): HandoffNote => ({
        fromConversationId: n.conversation_id,
        ...(n.author_name ? { authorName: n.author_name } : {}),
        body: cipher.decrypt(n.body_enc),
        createdAt: new Date(n.created_at).toISOString(),
      }),
    ),
  };
}
