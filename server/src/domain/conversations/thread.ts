// One thread across hand-offs: the chain of conversations a transfer or a return to the queue makes, read as one chat.
import { asc, eq, inArray } from 'drizzle-orm';
import type { EndReason, ThreadHistory, ThreadPart } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { conversations, messages, staff } from '../../db/schema.js';
import type { FieldCipher } from '../../security/cipher.js';
import type { Principal } from '../../security/tokens.js';
import { requireReader, type ConversationRow } from './conversations.js';
import { toChatMessage } from './messages.js';

/** The newest messages of each part a client is sent; a chat longer than this is rare, and the newest matter most. */
const PART_MESSAGES = 500;

export interface ThreadConversation {
  row: ConversationRow;
  volunteerName: string;
}

/** Every conversation of a thread with its volunteer's name, in no particular order. */
async function threadRows(db: Db, threadId: string): Promise<ThreadConversation[]> {
  const rows = await db
    .select({ c: conversations, name: staff.displayName })
    .from(conversations)
    .leftJoin(staff, eq(staff.id, conversations.volunteerId))
    .where(eq(conversations.threadId, threadId));
  return rows.map((r) => ({ row: r.c, volunteerName: r.name ?? '' }));
}

/**
 * The chain that ends at `conversationId`, oldest first: the conversation and those it continues, followed back
 * through `previous_conversation_id` (not by start time: a transfer starts the next part in the same instant).
 */
export async function chainUpTo(db: Db, conv: ConversationRow): Promise<ThreadConversation[]> {
  const byId = new Map((await threadRows(db, conv.threadId)).map((t) => [t.row.id, t]));
  const chain: ThreadConversation[] = [];
  for (let at: string | null = conv.id; at && !chain.some((c) => c.row.id === at); ) {
    const part = byId.get(at);
    if (!part) break;
    chain.unshift(part);
    at = part.row.previousConversationId;
  }
  return chain;
}

/** The whole thread, oldest first (the chain up to its newest part, which every other part leads to). */
export async function wholeThread(db: Db, conv: ConversationRow): Promise<ThreadConversation[]> {
  const rows = await threadRows(db, conv.threadId);
  const continued = new Set(rows.map((r) => r.row.previousConversationId).filter((id): id is string => id !== null));
  const newest = rows.filter((r) => !continued.has(r.row.id)).sort((a, b) => b.row.startedAt.getTime() - a.row.startedAt.getTime())[0];
  return newest ? chainUpTo(db, newest.row) : [{ row: conv, volunteerName: '' }];
}

/** The conversation ids of a thread, for a caller that treats the chain as one (retention, audit). */
export async function threadConversationIds(db: Db, threadId: string): Promise<string[]> {
  return (await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.threadId, threadId))).map((r) => r.id);
}

/** The messages of some conversations, decrypted, with the staff's names on their lines, by conversation. */
async function messagesOf(db: Db, cipher: FieldCipher, conversationIds: string[]): Promise<Map<string, ThreadPart['messages']>> {
  const byConversation = new Map<string, ThreadPart['messages']>();
  if (conversationIds.length === 0) return byConversation;
  const rows = await db
    .select({ m: messages, name: staff.displayName })
    .from(messages)
    .leftJoin(staff, eq(staff.id, messages.senderId))
    .where(inArray(messages.conversationId, conversationIds))
    .orderBy(asc(messages.conversationId), asc(messages.seq));
  for (const { m, name } of rows) {
    const named = name && (m.senderRole === 'volunteer' || m.senderRole === 'moderator') ? name : undefined;
    const list = byConversation.get(m.conversationId) ?? [];
    list.push(toChatMessage(m, cipher, named));
    byConversation.set(m.conversationId, list);
  }
  return byConversation;
}

/** Turns conversations of a thread into the parts clients get. */
export async function toThreadParts(
  db: Db,
  cipher: FieldCipher,
  chain: ThreadConversation[],
  { newest = PART_MESSAGES }: { newest?: number } = {},
): Promise<ThreadPart[]> {
  const readable = chain.filter((c) => c.row.transcriptDeletedAt === null).map((c) => c.row.id);
  const said = await messagesOf(db, cipher, readable);
  return chain.map(({ row, volunteerName }) => ({
    conversationId: row.id,
    volunteerName,
    startedAt: row.startedAt.toISOString(),
    ...(row.endedAt ? { endedAt: row.endedAt.toISOString() } : {}),
    ...(row.endReason ? { endReason: row.endReason as EndReason } : {}),
    transcriptDeleted: row.transcriptDeletedAt !== null,
    messages: (said.get(row.id) ?? []).slice(-newest),
  }));
}

/**
 * thread:history: the parts of a conversation's thread up to and including it, oldest first. The survivor reads
 * their own, ended or not; a volunteer only while the conversation is theirs and going on, and then the parts
 * before it too (what was said to the volunteers before them, which is what a hand-off promises). Nobody else:
 * a moderator reads a thread through an audited transcript.
 */
export async function threadHistoryFor(db: Db, cipher: FieldCipher, principal: Principal, conversationId: string): Promise<ThreadHistory> {
  const conv = await requireReader(db, principal, conversationId);
  const chain = await chainUpTo(db, conv);
  // A survivor's thread is theirs alone: a part of another visitor can never be linked, but never send one.
  const own = chain.filter((c) => c.row.visitorId === conv.visitorId);
  return { threadId: conv.threadId, conversationId: conv.id, parts: await toThreadParts(db, cipher, own) };
}
