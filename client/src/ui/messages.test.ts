// mergeMessages keeps one copy of each message, in seq order, and leaves the list alone when nothing is new.
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@beside/shared';
import { lastSeq, mergeMessages } from './messages';

const msg = (seq: number, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `id-${seq}`,
  conversationId: 'c',
  seq,
  clientId: `client-${seq}`,
  sender: 'visitor',
  kind: 'text',
  body: `m${seq}`,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

describe('mergeMessages', () => {
  it('orders by seq whatever the arrival order', () => {
    expect(mergeMessages([msg(3)], [msg(1), msg(2)]).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('drops a message already held by id or by clientId (the echo of a send)', () => {
    const held = [msg(1), msg(2)];
    const echo = msg(9, { id: 'other', clientId: 'client-2' });
    expect(mergeMessages(held, [msg(1), echo])).toBe(held);
  });

  it('drops duplicates inside one batch', () => {
    expect(mergeMessages([], [msg(1), msg(1)])).toHaveLength(1);
  });

  it('reports the last seq up to which nothing is missing', () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq(mergeMessages([], [msg(1), msg(2), msg(3)]))).toBe(3);
    // Our own ack (seq 7) arrived before the catch-up: 3 to 6 are still missing, so ask after 2.
    expect(lastSeq(mergeMessages([], [msg(1), msg(2), msg(7)]))).toBe(2);
    expect(lastSeq(mergeMessages([], [msg(4), msg(7)]))).toBe(0);
  });
});
