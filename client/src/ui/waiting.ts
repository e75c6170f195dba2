// How long the visitor has waited for a reply: from their last message, or from the chat's start while nobody has written.
import type { ChatMessage } from '@beside/shared';

export type WaitLevel = 'calm' | 'warn' | 'late';

/** A minute without a reply turns amber, three turn red. */
export const WAIT_WARN_SECONDS = 60;
export const WAIT_LATE_SECONDS = 180;

/**
 * When the visitor started waiting for a reply, or undefined when they are not waiting: the chat ended, a reply
 * is on its way (in the outbox), or the last word was staff's. A chat nobody has written in yet counts from its
 * start: the frightened person should not have to speak first.
 */
export function waitingSince(chat: {
  messages: readonly ChatMessage[];
  outgoing: readonly unknown[];
  ended?: unknown;
  startedAt: string;
}): string | undefined {
  if (chat.ended || chat.outgoing.length > 0) return undefined;
  for (let i = chat.messages.length - 1; i >= 0; i--) {
    const m = chat.messages[i]!;
    if (m.sender === 'system') continue;
    return m.sender === 'visitor' ? m.createdAt : undefined;
  }
  return chat.startedAt;
}

export function waitLevel(seconds: number): WaitLevel {
  return seconds >= WAIT_LATE_SECONDS ? 'late' : seconds >= WAIT_WARN_SECONDS ? 'warn' : 'calm';
}

export function secondsSince(iso: string, now: number): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((now - t) / 1000));
}
