// The outbox sends once per attempt with a stable clientId, waits while offline, and settles on ack or echo.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack, ChatMessage } from '@beside/shared';
import { Outbox } from './outbox';

type Sent = { conversationId: string; clientId: string; body: string };

function stored(p: Sent): ChatMessage {
  return { id: `s-${p.clientId}`, seq: 1, sender: 'visitor', kind: 'text', createdAt: '', ...p };
}

function setup(online = true) {
  const state = { online };
  const sent: Sent[] = [];
  const answers: Array<(ack: Ack<ChatMessage>) => void> = [];
  const delivered: ChatMessage[] = [];
  let n = 0;
  const outbox = new Outbox<ChatMessage>({
    send: (p) => {
      sent.push(p);
      return new Promise((resolve) => answers.push(resolve));
    },
    isOnline: () => state.online,
    onDelivered: (m) => delivered.push(m),
    onChange: () => {},
    newId: () => `uuid-${++n}`,
  });
  return { state, sent, answers, delivered, outbox };
}

const flush = () => vi.runAllTimersAsync();

describe('Outbox', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('sends at once when online and forgets the message once acknowledged', async () => {
    const { sent, answers, delivered, outbox } = setup();
    outbox.enqueue('c', 'hello');
    expect(outbox.list('c')[0]?.state).toBe('sending');
    answers[0]!({ ok: true, data: stored(sent[0]!) });
    await vi.runAllTimersAsync();
    expect(delivered.map((m) => m.body)).toEqual(['hello']);
    expect(outbox.list('c')).toEqual([]);
  });

  it('waits while offline and sends with the same clientId on flush', () => {
    const { state, sent, outbox } = setup(false);
    outbox.enqueue('c', 'hello');
    expect(sent).toHaveLength(0);
    expect(outbox.list('c')[0]?.state).toBe('waiting');
    state.online = true;
    outbox.flush();
    outbox.flush();
    expect(sent.map((s) => s.clientId)).toEqual(['uuid-1', 'uuid-1']);
  });

  it('ignores a late answer to an attempt that a newer one replaced', async () => {
    const { sent, answers, outbox } = setup();
    outbox.enqueue('c', 'hello');
    outbox.flush(); // reconnect while the first send was in flight
    answers[0]!({ ok: false, error: { code: 'invalid', message: 'late' } });
    await flush();
    expect(outbox.list('c')[0]?.state).toBe('sending');
    answers[1]!({ ok: true, data: stored(sent[1]!) });
    await flush();
    expect(outbox.list('c')).toEqual([]);
  });

  it('marks a refused message failed, and retries it by hand', async () => {
    const { sent, answers, outbox } = setup();
    outbox.enqueue('c', 'hello');
    answers[0]!({ ok: false, error: { code: 'invalid', message: 'too long' } });
    await flush();
    expect(outbox.list('c')[0]).toMatchObject({ state: 'failed', error: 'too long' });
    outbox.retry('uuid-1');
    expect(sent).toHaveLength(2);
    expect(outbox.list('c')[0]?.state).toBe('sending');
  });

  it('keeps why a message was held back, for the page to word, until it is tried again', async () => {
    const { sent, answers, outbox } = setup();
    outbox.enqueue('c', 'call me on 555 123 4567');
    const details = { reason: 'contact_details', kinds: ['phone'] } as const;
    answers[0]!({ ok: false, error: { code: 'invalid', field: 'body', message: 'Not sent: …', details: { ...details, kinds: [...details.kinds] } } });
    await flush();
    expect(outbox.list('c')[0]).toMatchObject({ state: 'failed', refusal: { reason: 'contact_details', kinds: ['phone'] } });
    // Trying again is the person's choice; while it is on its way, the old reason no longer applies.
    outbox.retry('uuid-1');
    expect(sent).toHaveLength(2);
    expect(outbox.list('c')[0]).not.toHaveProperty('refusal');
  });

  it('retries a timed-out send by itself a few times before asking', async () => {
    const { sent, answers, outbox } = setup();
    outbox.enqueue('c', 'hello');
    for (let i = 0; i < 4; i++) {
      answers[i]!({ ok: false, error: { code: 'unavailable', message: 'no answer', retryable: true } });
      await vi.runAllTimersAsync();
    }
    expect(sent).toHaveLength(4);
    expect(outbox.list('c')[0]?.state).toBe('failed');
  });

  it('settles a message whose echo arrived before its ack', async () => {
    const { answers, sent, delivered, outbox } = setup();
    outbox.enqueue('c', 'hello');
    expect(outbox.settle('uuid-1')).toBe(true);
    answers[0]!({ ok: true, data: stored(sent[0]!) });
    await flush();
    expect(delivered).toEqual([]);
    expect(outbox.list('c')).toEqual([]);
  });
});
