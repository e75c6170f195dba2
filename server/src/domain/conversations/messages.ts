// Chat messages: stored encrypted before they are acknowledged, deduplicated by client id, numbered per conversation.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { ChatMessage, SenderRole } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { messages } from '../../db/schema.js';
import type { FieldCipher } from '../../security/cipher.js';
import type { Clock } from '../core/clock.js';
import type { ConversationRow } from './conversations.js';
import { messageWriterFor } from './messageWriter.js';
import { getStaff } from '../staff/accounts.js';

type MessageRow = typeof messages.$inferSelect;

/** `plaintext`, when the caller has just encrypted it (a new message), saves decrypting what was just encrypted. */
export function toChatMessage(row: MessageRow, cipher: FieldCipher, senderName?: string, plaintext?: string): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    clientId: row.clientId,
    sender: row.senderRole as SenderRole,
    ...(senderName ? { senderName } : {}),
    body: plaintext ?? cipher.decrypt(row.bodyEnc),
    createdAt: row.createdAt.toISOString(),
  };
}

export interface NewMessage {
  conversationId: string;
  clientId: string;
  senderRole: SenderRole;
  senderId: string | null;
  body: string;
}

/**
 * Appends a message to an active conversation and returns it with its sequence number, once it is committed. A
 * second call with the same client id returns the stored message with `duplicate: true` and stores nothing.
 * Messages are written in groups (see messageWriter.ts): one transaction stores everything that arrived meanwhile.
 */
export async function appendMessage(
  db: Db,
  cipher: FieldCipher,
  clock: Clock,
  input: NewMessage,
): Promise<{ row: MessageRow; duplicate: boolean }> {
  return messageWriterFor(db).append({
    conversationId: input.conversationId,
    clientId: input.clientId,
    senderRole: input.senderRole,
    senderId: input.senderId,
    bodyEnc: cipher.encrypt(input.body),
    createdAt: clock.now(),
  });
}

export async function messagesAfter(db: Db, conversationId: string, afterSeq: number, limit: number): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)))
    .orderBy(asc(messages.seq))
    .limit(limit);
}

/** Messages after a sequence number, decrypted, with the volunteer's name on their lines. */
export async function loadMessages(
  db: Db,
  cipher: FieldCipher,
  conv: ConversationRow,
  afterSeq: number,
  limit: number,
): Promise<ChatMessage[]> {
  const rows = await messagesAfter(db, conv.id, afterSeq, limit);
  const volunteerName = rows.some((r) => r.senderRole === 'volunteer') ? (await getStaff(db, conv.volunteerId))?.displayName : undefined;
  return rows.map((r) => toChatMessage(r, cipher, r.senderRole === 'volunteer' ? volunteerName : undefined));
}
