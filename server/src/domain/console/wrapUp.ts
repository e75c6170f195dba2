// The volunteer's wrap-up of a chat that ended: topics, risk level and a private note (encrypted), given once.
import { and, desc, eq, gt, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import type {
  EarlierNote,
  PendingWrapUp,
  Topic,
  TranscriptOpenBody,
  WrapUpNoteAudience,
  WrapUpRiskLevel,
  WrapUpView,
  
} from '@beside/shared';
import { rowsOf, type Db } from '../../db/connect.js';
import { conversations, staff, wrapUpNotes, wrapUps } from '../../db/schema.js';
import type { FieldCipher } from '../../security/cipher.js';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import { Conflict, Forbidden, Invalid } from '../core/errors.js';
import { conversationHasFlag, getFlag } from '../moderation/flags.js';
import { escalationOf } from '../moderation/supervision.js';
import { conversationRow } from '../moderation/transcripts.js';

export interface WrapUpDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  /** The cool-down after a high-risk chat (config.timing.highRiskCooldownSeconds). */
  highRiskCooldownSeconds: number;
}

export interface WrapUpInput {
  topics: Topic[];
  risk: WrapUpRiskLevel;
  note?: string | undefined;
  noteFor: WrapUpNoteAudience;
}

const NOT_YOURS = 'Only the volunteer of this conversation can wrap it up.';

/**
 * Records the wrap-up of an ended conversation by its volunteer, once. Risk `high` on a conversation that was not
 * yet high-risk marks it so (moderators may then follow it up) and stretches the volunteer's cool-down to the
 * longer one counted from the end of the chat. The conversation row is locked first, so a transcript deletion
 * running at the same moment either finishes before (and the note is refused) or waits.
 */
export async function submitWrapUp(
  deps: WrapUpDeps,
  volunteerId: string,
  conversationId: string,
  input: WrapUpInput,
): Promise<WrapUpView> {
  const { db, clock, cipher } = deps;
  const now = clock.now();
  const result = await db.transaction(async (tx) => {
    const [conv] = rowsOf<{
      volunteer_id: string;
      status: string;
      risk: string;
      transcript_deleted_at: string | Date | null;
    }>(
      await tx.execute(sql`
        SELECT volunteer_id, status, risk, transcript_deleted_at FROM conversations
        WHERE id = ${conversationId} FOR UPDATE`),
    );
    // The same answer for "not yours" and "does not exist", so ids cannot be probed.
    if (!conv || conv.volunteer_id !== volunteerId) throw new Forbidden(NOT_YOURS);
    if (conv.status !== 'ended') throw new Conflict('End the chat first; then wrap it up.');
    if (input.note && conv.transcript_deleted_at) {
      throw new Conflict('The survivor deleted this conversation, so no note about it can be kept. Wrap it up without a note.');
    }
    const markedHighRisk = input.risk === 'high' && conv.risk !== 'high';
    const inserted = await tx
      .insert(wrapUps)
      .values({ conversationId, volunteerId, topics: input.topics, risk: input.risk, markedHighRisk, createdAt: now })
      .onConflictDoNothing()
      .returning({ conversationId: wrapUps.conversationId });
    if (inserted.length === 0) throw new Conflict('This conversation has already been wrapped up.');
    if (input.note) {
      await tx.insert(wrapUpNotes).values({
        conversationId,
        authorId: volunteerId,
        noteFor: input.noteFor,
        noteEnc: cipher.encrypt(input.note),
        createdAt: now,
      });
    }
    if (markedHighRisk) {
      await tx.update(conversations).set({ risk: 'high' }).where(eq(conversations.id, conversationId));
      // GREATEST ignores NULL: a longer cool-down already running is kept.
      await tx.execute(sql`
        UPDATE volunteer_presence p
        SET cooldown_until = GREATEST(p.cooldown_until, c.ended_at + make_interval(secs => ${deps.highRiskCooldownSeconds}::double precision)),
            updated_at = ${now.toISOString()}::timestamptz
        FROM conversations c
        WHERE c.id = ${conversationId} AND p.staff_id = c.volunteer_id`);
    }
    return { markedHighRisk };
  });
  await recordAudit(db, clock, {
    actorId: volunteerId,
    actorRole: 'volunteer',
    action: 'wrap_up.submitted',
    targetType: 'conversation',
    targetId: conversationId,
    details: { risk: input.risk, topics: input.topics.join(','), hasNote: Boolean(input.note), markedHighRisk: result.markedHighRisk },
  });
  if (result.markedHighRisk) {
    await recordAudit(db, clock, {
      actorId: volunteerId,
      actorRole: 'volunteer',
      action: 'conversation.risk_raised',
      targetType: 'conversation',
      targetId: conversationId,
      details: { source: 'wrap_up' },
    });
  }
  return (await loadWrapUp(db, cipher, conversationId, true))!;
}

/** The wrap-up of a conversation (with its note when asked for), or undefined when there is none yet. */
export async function loadWrapUp(db: Db, cipher: FieldCipher, conversationId: string, withNote: boolean): Promise<WrapUpView | undefined> {
  const [row] = await db
    .select({ w: wrapUps, name: staff.displayName, n: wrapUpNotes })
    .from(wrapUps)
    .innerJoin(staff, eq(staff.id, wrapUps.volunteerId))
    .leftJoin(wrapUpNotes, eq(wrapUpNotes.conversationId, wrapUps.conversationId))
    .where(eq(wrapUps.conversationId, conversationId))
    .limit(1);
  if (!row) return undefined;
  return {
    conversationId: row.w.conversationId,
    volunteerId: row.w.volunteerId,
    volunteerName: row.name,
    topics: row.w.topics as Topic[],
    risk: row.w.risk as WrapUpRiskLevel,
    hasNote: row.n !== null,
    ...(row.n ? { noteFor: row.n.noteFor as WrapUpNoteAudience } : {}),
    ...(row.n && withNote ? { note: cipher.decrypt(row.n.noteEnc) } : {}),
    createdAt: row.w.createdAt.toISOString(),
    markedHighRisk: row.w.markedHighRisk,
  };
}

/** The volunteer's own wrap-up of one of their conversations (note included); Forbidden for anyone else. */
export async function wrapUpForVolunteer(db: Db, cipher: FieldCipher, volunteerId: string, conversationId: string): Promise<WrapUpView | null> {
  const conv = await conversationRow(db, conversationId);
  if (!conv || conv.volunteerId !== volunteerId) throw new Forbidden('You are not part of this conversation.');
  return (await loadWrapUp(db, cipher, conversationId, true)) ?? null;
}

/** The volunteer's conversations that ended in the last day and still wait for a wrap-up, newest first. */
export async function pendingWrapUps(db: Db, clock: Clock, volunteerId: string): Promise<PendingWrapUp[]> {
  const since = new Date(clock.now().getTime() - 24 * 3_600_000);
  const rows = await db
    .select({ c: conversations })
    .from(conversations)
    .leftJoin(wrapUps, eq(wrapUps.conversationId, conversations.id))
    .where(
      and(
        eq(conversations.volunteerId, volunteerId),
        eq(conversations.status, 'ended'),
        isNotNull(conversations.endedAt),
        gt(conversations.endedAt, since),
        isNull(wrapUps.conversationId),
      ),
    )
    .orderBy(desc(conversations.endedAt))
    .limit(50);
  return rows.map(({ c }) => ({
    conversationId: c.id,
    topic: c.topic,
    language: c.language,
    startedAt: c.startedAt.toISOString(),
    endedAt: c.endedAt!.toISOString(),
    ...(c.endReason ? { endReason: c.endReason } : {}),
  }));
}

/**
 * Notes left "for the next volunteer" in this survivor's earlier conversations (same anonymous visitor id, so
 * the same browser tab), for the volunteer of `conversationId`. A survivor who opens a new tab is someone new.
 */
export async function earlierNotesFor(db: Db, cipher: FieldCipher, volunteerId: string, conversationId: string): Promise<EarlierNote[]> {
  const conv = await conversationRow(db, conversationId);
  if (!conv || conv.volunteerId !== volunteerId) throw new Forbidden('You are not part of this conversation.');
  const rows = await db
    .select({ c: conversations, w: wrapUps, n: wrapUpNotes, name: staff.displayName })
    .from(conversations)
    .innerJoin(wrapUps, eq(wrapUps.conversationId, conversations.id))
    .innerJoin(wrapUpNotes, eq(wrapUpNotes.conversationId, conversations.id))
    .innerJoin(staff, eq(staff.id, wrapUps.volunteerId))
    .where(
      and(
        eq(conversations.visitorId, conv.visitorId),
        ne(conversations.id, conv.id),
        // Chats that had ended by the time this one started (the same moment counts: a survivor may requeue at once).
        lte(conversations.endedAt, conv.startedAt),
        eq(wrapUpNotes.noteFor, 'next_volunteer'),
      ),
    )
    .orderBy(desc(conversations.endedAt))
    .limit(20);
  return rows.map((r) => ({
    conversationId: r.c.id,
    ...(r.c.endedAt ? { endedAt: r.c.endedAt.toISOString() } : {}),
    authorName: r.name,
    topics: r.w.topics as Topic[],
    risk: r.w.risk as WrapUpRiskLevel,
    note: cipher.decrypt(r.n.noteEnc),
    createdAt: r.n.createdAt.toISOString(),
  }));
}

const NOT_REVIEWABLE = 'Moderators can read only the wrap-ups of flagged or escalated conversations.';

/**
 * A moderator reads a wrap-up (note included) under the same rules as a transcript: through a flag of this
 * conversation, or without one when it is escalated (high-risk or help was asked). Audited before it is read.
 */
export async function openWrapUpForModerator(
  deps: { db: Db; clock: Clock; cipher: FieldCipher },
  moderator: { id: string; role: string },
  conversationId: string,
  body: TranscriptOpenBody,
  ipHash: string | null,
): Promise<WrapUpView | null> {
  const { db, clock, cipher } = deps;
  const conv = await conversationRow(db, conversationId);
  if (!conv) throw new Forbidden(NOT_REVIEWABLE);
  let escalation: 'high_risk' | 'help_requested' | null = null;
  if (body.flagId) {
    const flag = await getFlag(db, body.flagId).catch(() => undefined);
    if (!flag || flag.conversationId !== conv.id) throw new Forbidden('That flag is not about this conversation.');
  } else {
    const e = await escalationOf(db, conv);
    escalation = e.highRisk ? 'high_risk' : e.helpRequested ? 'help_requested' : null;
    if (!escalation) {
      if (await conversationHasFlag(db, conv.id)) throw new Invalid('Name the flag you are reviewing.', 'flagId');
      throw new Forbidden(NOT_REVIEWABLE);
    }
  }
  await recordAudit(db, clock, {
    actorId: moderator.id,
    actorRole: moderator.role,
    action: 'wrap_up.opened',
    targetType: 'conversation',
    targetId: conv.id,
    ipHash,
    details: { flagId: body.flagId ?? null, purpose: body.purpose, escalation },
  });
  return (await loadWrapUp(db, cipher, conv.id, true)) ?? null;
}
