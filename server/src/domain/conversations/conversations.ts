// Conversations: who may see one, the view each side gets, and ending one (with the volunteer's cool-down).
import { and, desc, eq } from 'drizzle-orm';
import type { ConversationEnded, ConversationView, EndReason, EndedBy } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { conversations, staff, volunteerPresence } from '../../db/schema.js';
import type { Principal } from '../../security/tokens.js';
import type { Clock } from '../core/clock.js';
import { loadConversation } from './loader.js';
import { Conflict, Forbidden } from '../core/errors.js';

export type ConversationRow = typeof conversations.$inferSelect;

export function toConversationView(row: ConversationRow, volunteerName: string): ConversationView {
  return {
    id: row.id,
    status: row.status as ConversationView['status'],
    topic: row.topic,
    language: row.language,
    want: row.want,
    urgent: row.urgent,
    startedAt: row.startedAt.toISOString(),
    ...(row.endedAt ? { endedAt: row.endedAt.toISOString() } : {}),
    ...(row.endedBy ? { endedBy: row.endedBy } : {}),
    ...(row.endReason ? { endReason: row.endReason as EndReason } : {}),
    volunteerName,
    lastSeq: row.lastSeq,
    threadId: row.threadId,
    ...(row.previousConversationId ? { previousConversationId: row.previousConversationId } : {}),
  };
}

export async function conversationViewById(db: Db, id: string): Promise<ConversationView | undefined> {
  const [row] = await db
    .select({ c: conversations, name: staff.displayName })
    .from(conversations)
    .innerJoin(staff, eq(staff.id, conversations.volunteerId))
    .where(eq(conversations.id, id))
    .limit(1);
  return row ? toConversationView(row.c, row.name) : undefined;
}

/** The conversation if this principal takes part in it; Forbidden otherwise (also for ids that do not exist). */
export async function requireParticipant(db: Db, principal: Principal, conversationId: string): Promise<ConversationRow> {
  // Batched with the other reads of this tick (one query for a burst of messages): conversationLoader.ts.
  const row = await loadConversation(db, conversationId);
  const allowed =
    row &&
    (principal.kind === 'visitor' ? row.visitorId === principal.visitorId : row.volunteerId === principal.userId);
  // The same answer for "not yours" and "does not exist", so ids cannot be probed.
  if (!row || !allowed) throw new Forbidden('You are not part of this conversation.');
  return row;
}

/**
 * The conversation if this principal may read its messages: a survivor their own, ended or not (until they delete
 * it or retention does); a volunteer only while the chat is theirs and going on. Once it ended, or was handed on,
 * the transcript is out of their reach: what they need afterwards is the wrap-up, and a later review is a
 * moderator's audited act.
 */
export async function requireReader(db: Db, principal: Principal, conversationId: string): Promise<ConversationRow> {
  const row = await requireParticipant(db, principal, conversationId);
  if (principal.kind === 'staff' && row.status !== 'active') throw new Forbidden('This conversation has ended.');
  return row;
}

export async function activeConversationsOf(db: Db, principal: Principal): Promise<ConversationView[]> {
  const who =
    principal.kind === 'visitor'
      ? eq(conversations.visitorId, principal.visitorId)
      : eq(conversations.volunteerId, principal.userId);
  const rows = await db
    .select({ c: conversations, name: staff.displayName })
    .from(conversations)
    .innerJoin(staff, eq(staff.id, conversations.volunteerId))
    .where(and(who, eq(conversations.status, 'active')))
    .orderBy(desc(conversations.startedAt));
  return rows.map((r) => toConversationView(r.c, r.name));
}

export interface EndOptions {
  endedBy: EndedBy;
  reason: EndReason;
  cooldownSeconds: number;
  highRiskCooldownSeconds: number;
}

/** Ends an active conversation once; the volunteer then rests for their cool-down before the next chat. */
export async function endConversation(
  db: Db,
  clock: Clock,
  conversationId: string,
  opts: EndOptions,
): Promise<{ ended: ConversationEnded; row: ConversationRow }> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ status: 'ended', endedAt: now, endedBy: opts.endedBy, endReason: opts.reason })
      .where(and(eq(conversations.id, conversationId), eq(conversations.status, 'active')))
      .returning();
    if (!row) throw new Conflict('This conversation has already ended.');
    const pause = row.risk === 'high' ? opts.highRiskCooldownSeconds : opts.cooldownSeconds;
    await tx
      .update(volunteerPresence)
      .set({ cooldownUntil: new Date(now.getTime() + pause * 1000), idleSince: now, updatedAt: now })
      .where(eq(volunteerPresence.staffId, row.volunteerId));
    return {
      row,
      ended: { conversationId, endedBy: opts.endedBy, reason: opts.reason, endedAt: now.toISOString() },
    };
  });
}
