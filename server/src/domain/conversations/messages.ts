// Chat messages: stored encrypted before they are acknowledged, deduplicated by client id, numbered per conversation.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { ChatMessage, SenderRole } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { messages } from '../../db/schema.js';
import type { FieldCipher } from '../../security/cipher.js';
import type { Clock } from '../core/clock.js';
import type { ConversationRow } from './conversations.js';
import { decodeContent, plaintextOf, type MessageContent } from './messageContent.js';
import { messageWriterFor } from './messageWriter.js';
import { getStaff } from '../staff/accounts.js';

type MessageRow = typeof messages.$inferSelect;

/**
 * The message as clients get it: a system line's code or a shared resource decoded from the stored JSON, with the
 * English fallback in `body`. `plaintext`, when the caller has just encrypted it (a new message), saves decrypting
 * what was just encrypted.
 */
export function toChatMessage(row: MessageRow, cipher: FieldCipher, senderName?: string, plaintext?: string): ChatMessage {
  const { kind, body, system, resource } = decodeContent(row.kind, plaintext ?? cipher.decrypt(row.bodyEnc));
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    clientId: row.clientId,
    sender: row.senderRole,
    ...(senderName ? { senderName } : {}),
    kind,
    body,
    ...(system ? { system } : {}),
    ...(resource ? { resource } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

/** A message to append: who writes it, and its content (text, a system line or a resource). */
export type NewMessage = {
  conversationId: string;
  clientId: string;
  senderRole: SenderRole;
  senderId: string | null;
} & MessageContent;

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
    kind: input.kind,
    bodyEnc: cipher.encrypt(plaintextOf(input)),
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
