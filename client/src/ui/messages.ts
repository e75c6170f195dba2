// Pure helpers for a conversation's message list: merge without duplicates, keep seq order.
import type { ChatMessage } from '@beside/shared';

/**
 * Merges incoming messages into a list ordered by seq. A message already held (same id, or same
 * clientId from the same conversation — the echo of one's own send) is kept once. Returns the
 * original array when nothing new arrived, so React can skip a render.
 */
export function mergeMessages(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const ids = new Set(existing.map((m) => m.id));
  const clientIds = new Set(existing.map((m) => m.clientId));
  const added: ChatMessage[] = [];
  for (const message of incoming) {
    if (ids.has(message.id) || clientIds.has(message.clientId)) continue;
    ids.add(message.id);
    clientIds.add(message.clientId);
    added.push(message);
  }
  if (added.length === 0) return existing as ChatMessage[];
  const merged = [...existing, ...added];
  merged.sort((a, b) => a.seq - b.seq);
  return merged;
}

/**
 * The highest seq up to which every message is held (1, 2, … n), 0 for none: what to ask messages:since for after
 * a reconnect. Not simply the highest held: the ack of one's own retried send (a higher seq) can arrive before the
 * catch-up, and asking after it would skip what the other side wrote meanwhile.
 */
export function lastSeq(messages: readonly ChatMessage[]): number {
  let n = 0;
  for (const m of messages) {
    if (m.seq === n + 1) n = m.seq;
    else if (m.seq > n + 1) break;
  }
  return n;
}
