// Markup in a message is shown as text, never run: rendered to HTML, a script from either side is escaped.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@beside/shared';
import type { ChatState } from './chatConnection';
import { MessageList, type MessageListLabels } from './MessageList';

const labels: MessageListLabels = {
  log: 'Conversation',
  self: 'You',
  system: 'Beside',
  peer: () => 'Alex',
  sending: 'Sending',
  waiting: 'Waiting',
  sent: 'Sent',
  failed: 'Not sent',
  retry: 'Retry',
};

const ATTACKS = [
  '<script>alert("x")</script>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<svg onload=alert(1)>',
  '<iframe srcdoc="<script>alert(1)</script>">',
];

function message(seq: number, body: string, sender: ChatMessage['sender']): ChatMessage {
  return { id: `m${seq}`, conversationId: 'c1', seq, clientId: `c${seq}`, sender, body, createdAt: '2026-01-01T10:00:00.000Z' };
}

function render(messages: ChatMessage[], outgoingBody?: string): string {
  const chat: ChatState = {
    view: { id: 'c1', status: 'active', topic: 'workplace', language: 'en', want: 'to_be_heard', urgent: false, startedAt: '2026-01-01T10:00:00.000Z', volunteerName: 'Alex', lastSeq: messages.length },
    messages,
    outgoing: outgoingBody
      ? [{ clientId: 'out1', conversationId: 'c1', body: outgoingBody, createdAt: '2026-01-01T10:00:00.000Z', state: 'sending' }]
      : [],
    peerTyping: false,
    peerAway: false,
    deleted: false,
    unread: 0,
  };
  return renderToStaticMarkup(<MessageList chat={chat} self="visitor" labels={labels} onRetry={() => {}} />);
}

describe('a message with markup in it', () => {
  it('is escaped text from the survivor, the volunteer and in the outbox alike', () => {
    const html = render(
      ATTACKS.flatMap((a, i) => [message(2 * i + 1, a, 'visitor'), message(2 * i + 2, a, 'volunteer')]),
      ATTACKS[0],
    );
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    for (const tag of ['<script', '<img', '<svg', '<iframe', '<a href']) expect(html).not.toContain(tag);
    // No element carries an event handler (escaped text may still spell one out, behind &lt;).
    expect(html).not.toMatch(/<[^>]*\son\w+=/);
  });

  it('is still shown, so the test would notice an empty render', () => {
    expect(render([message(1, 'hello there', 'visitor')])).toContain('hello there');
  });
});
