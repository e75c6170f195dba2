// Markup in a message is shown as text, never run: rendered to HTML, a script from either side is escaped.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@beside/shared';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { refusalText, systemLineText } from '../i18n/codes';
import { staffEn } from '../i18n/staff.en';
import type { ChatState } from './chatConnection';
import { MessageList, type MessageListLabels } from './MessageList';
import type { OutgoingMessage } from './outbox';

const labels: MessageListLabels = {
  log: 'Conversation',
  self: 'You',
  system: 'Beside',
  systemLine: (m) => systemLineText(en.chat.systemLines, m),
  peer: () => 'Alex',
  resource: en.resources,
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
  return { id: `m${seq}`, conversationId: 'c1', seq, clientId: `c${seq}`, sender, kind: 'text', body, createdAt: '2026-01-01T10:00:00.000Z' };
}

function render(messages: ChatMessage[], outgoingBody?: string, opts: { labels?: MessageListLabels; outgoing?: OutgoingMessage[] } = {}): string {
  const chat: ChatState = {
    view: { id: 'c1', status: 'active', topic: 'workplace', language: 'en', want: 'to_be_heard', urgent: false, startedAt: '2026-01-01T10:00:00.000Z', volunteerName: 'Alex', lastSeq: messages.length, threadId: 'c1' },
    messages,
    outgoing:
      opts.outgoing ??
      (outgoingBody ? [{ clientId: 'out1', conversationId: 'c1', body: outgoingBody, createdAt: '2026-01-01T10:00:00.000Z', state: 'sending' }] : []),
    peerTyping: false,
    peerAway: false,
    deleted: false,
    unread: 0,
  };
  return renderToStaticMarkup(<MessageList chat={chat} self="visitor" labels={opts.labels ?? labels} onRetry={() => {}} />);
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

const supervisorJoined: ChatMessage = {
  ...message(1, 'A supervisor is supporting your volunteer in this conversation.', 'system'),
  kind: 'system',
  system: { code: 'supervisor_joined' },
};

const hotline: ChatMessage = {
  ...message(2, 'Línea Nacional sobre la Violencia Doméstica\n800-799-7233', 'volunteer'),
  kind: 'resource',
  resource: {
    slug: 'ndvh',
    language: 'es',
    name: 'Línea Nacional sobre la Violencia Doméstica',
    description: 'Apoyo si tu pareja o un familiar te hace daño.',
    phone: '800-799-7233',
    smsNumber: '88788',
    smsKeyword: 'START',
    url: 'https://www.thehotline.org',
    chatUrl: 'https://www.thehotline.org/chat',
    hours: 'Las 24 horas',
  },
};

describe('codes the server sends', () => {
  it('are worded by the reader’s dictionary: a system line in Spanish or in English, whatever the body says', () => {
    expect(render([supervisorJoined], undefined, { labels: { ...labels, systemLine: (m) => systemLineText(es.chat.systemLines, m) } })).toContain(
      es.chat.systemLines.supervisor_joined(),
    );
    expect(render([{ ...supervisorJoined, body: 'fallback' }])).toContain(en.chat.systemLines.supervisor_joined());
    // A line with no code (stored before codes) shows its body.
    expect(render([{ ...supervisorJoined, system: undefined, body: 'An old line.' }])).toContain('An old line.');
  });

  it('show a shared resource as a card with call, text and web links labelled in the reader’s language', () => {
    const html = render([hotline], undefined, { labels: { ...labels, resource: es.resources } });
    expect(html).toContain('href="tel:8007997233"');
    expect(html).toContain(`>${es.resources.call('800-799-7233')}<`);
    expect(html).toContain('href="sms:88788?&amp;body=START"');
    expect(html).toContain(`>${es.resources.text('START', '88788')}<`);
    expect(html).toContain('href="https://www.thehotline.org/chat" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain('href="https://www.thehotline.org/" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain('lang="es"');
    // In English the same card reads in English; the service's own words stay as written.
    const inEnglish = render([hotline]);
    expect(inEnglish).toContain(`>${en.resources.call('800-799-7233')}<`);
    expect(inEnglish).toContain('Apoyo si tu pareja o un familiar te hace daño.');
    expect(inEnglish).not.toContain(es.resources.call('800-799-7233'));
  });

  it('never link a resource to anything but the web', () => {
    const html = render([{ ...hotline, resource: { ...hotline.resource!, url: 'javascript:alert(1)', chatUrl: 'data:text/html,x' } }]);
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('data:');
  });

  it('word why a message was held back next to it, with Retry still there', () => {
    const refused: OutgoingMessage = {
      clientId: 'out1',
      conversationId: 'c1',
      body: 'call me on 555 123 4567',
      createdAt: '2026-01-01T10:00:00.000Z',
      state: 'failed',
      error: 'Not sent: …',
      refusal: { reason: 'contact_details', kinds: ['phone', 'link'] },
    };
    const html = render([], undefined, { outgoing: [refused], labels: { ...labels, refusal: (d) => refusalText(staffEn.chat.refusals, d) } });
    expect(html).toContain('it contains a phone number and a link.');
    expect(html).toContain('>Retry<');
    expect(html).not.toContain('Not sent: …');
  });
});
