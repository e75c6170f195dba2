import { describe, expect, it } from 'vitest';
import type { ChatMessage, SenderRole } from '@beside/shared';
import { waitLevel, waitingSince } from './waiting';

let seq = 0;
const msg = (sender: SenderRole, createdAt: string): ChatMessage =>
  ({ id: `m${++seq}`, conversationId: 'c', seq, clientId: `k${seq}`, sender, body: 'x', createdAt }) as ChatMessage;

const startedAt = '2026-03-04T10:00:00.000Z';

describe('waitingSince', () => {
  it('counts from the start while nobody has written (the volunteer should greet first)', () => {
    expect(waitingSince({ messages: [], outgoing: [], startedAt })).toBe(startedAt);
    expect(waitingSince({ messages: [msg('system', '2026-03-04T10:00:05.000Z')], outgoing: [], startedAt })).toBe(startedAt);
  });

  it('counts from the visitor’s last message, and stops once staff answered or a reply is on its way', () => {
    const visitor = msg('visitor', '2026-03-04T10:01:00.000Z');
    expect(waitingSince({ messages: [visitor], outgoing: [], startedAt })).toBe(visitor.createdAt);
    expect(waitingSince({ messages: [visitor, msg('volunteer', '2026-03-04T10:02:00.000Z')], outgoing: [], startedAt })).toBeUndefined();
    expect(waitingSince({ messages: [visitor, msg('moderator', '2026-03-04T10:02:00.000Z')], outgoing: [], startedAt })).toBeUndefined();
    expect(waitingSince({ messages: [visitor], outgoing: [{}], startedAt })).toBeUndefined();
    expect(waitingSince({ messages: [visitor], outgoing: [], startedAt, ended: {} })).toBeUndefined();
  });

  it('escalates after one and three minutes', () => {
    expect([0, 59, 60, 179, 180].map(waitLevel)).toEqual(['calm', 'calm', 'warn', 'warn', 'late']);
  });
});
