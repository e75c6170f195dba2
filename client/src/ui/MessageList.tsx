// The message log of one chat: delivered messages by seq, then the outbox with its delivery state.
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { ApiErrorDetails, ChatMessage, SenderRole } from '@beside/shared';
import type { ChatState } from './chatConnection';
import type { OutgoingMessage } from './outbox';
import { LinkedText } from './directoryLinks';
import { ResourceCard, type ResourceLabels } from './ResourceCard';
import './chat.css';

export interface MessageListLabels {
  log: string;
  self: string;
  system: string;
  /** A system line's words for this reader (from its code). */
  systemLine: (message: ChatMessage) => string;
  /** How to name the other side's messages. */
  peer: (message: ChatMessage) => string;
  /** The labels of a shared resource's card. */
  resource: ResourceLabels;
  /** Why a message of one's own was refused, in words; undefined when there is no reason to show. */
  refusal?: (details: ApiErrorDetails) => string | undefined;
  sending: string;
  waiting: string;
  sent: string;
  failed: string;
  retry: string;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date);
}

export function MessageList(props: {
  chat: ChatState;
  self: SenderRole;
  labels: MessageListLabels;
  onRetry: (clientId: string) => void;
  typingText?: string;
  /** Shown above the first message, e.g. who has joined. */
  intro?: ReactNode;
  /** Shown above the intro: the chat's earlier parts (before a transfer or a return to the queue). */
  earlier?: ReactNode;
  footer?: ReactNode;
}) {
  const { chat, self, labels } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const lastOwn = [...chat.messages].reverse().find((m) => m.sender === self);

  // Follow new messages only while the reader is at the bottom, so scrolling back is not fought.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [chat.messages, chat.outgoing, props.typingText, props.footer]);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    // A panel opening below the log shrinks it: stay at the newest message if the reader was there.
    const resized = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    });
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, []);

  return (
    // Focusable so the log can be scrolled from the keyboard (WCAG 2.1.1).
    <div className="messages" ref={scroller} tabIndex={0}>
      {props.earlier}
      {props.intro ? <p className="messages__intro">{props.intro}</p> : null}
      <div role="log" aria-live="polite" aria-label={labels.log}>
        <ol className="messages__log">
          {chat.messages.map((m) =>
            m.sender === 'system' ? (
              <li key={m.id} className="msg msg--system">
                <span className="visually-hidden">{labels.system}: </span>
                <span className="msg__body">{labels.systemLine(m)}</span>
              </li>
            ) : (
              <li key={m.id} className={m.sender === self ? 'msg msg--own' : 'msg msg--peer'}>
                <span className="msg__who">{m.sender === self ? labels.self : labels.peer(m)}</span>
                {m.kind === 'resource' && m.resource ? (
                  <ResourceCard resource={m.resource} labels={labels.resource} />
                ) : (
                  <p className="msg__body">
                    <LinkedText text={m.body} />
                  </p>
                )}
                <span className="msg__meta">
                  <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
                  {m === lastOwn && chat.outgoing.length === 0 ? <span> · {labels.sent}</span> : null}
                </span>
              </li>
            ),
          )}
          {chat.outgoing.map((o) => (
            <OutgoingItem key={o.clientId} item={o} labels={labels} onRetry={props.onRetry} />
          ))}
        </ol>
      </div>
      {props.typingText ? <p className="typing">{props.typingText}</p> : null}
      {props.footer}
    </div>
  );
}

function OutgoingItem(props: { item: OutgoingMessage; labels: MessageListLabels; onRetry: (clientId: string) => void }) {
  const { item, labels } = props;
  const state = item.state === 'failed' ? labels.failed : item.state === 'waiting' ? labels.waiting : labels.sending;
  const why = item.state === 'failed' && item.refusal ? labels.refusal?.(item.refusal) : undefined;
  return (
    <li className={`msg msg--own msg--${item.state}`}>
      <span className="msg__who">{labels.self}</span>
      <p className="msg__body">{item.body}</p>
      {why ? <p className="msg__refusal">{why}</p> : null}
      <span className="msg__meta">
        <span>{state}</span>
        {item.state === 'failed' ? (
          <button type="button" className="link-button" onClick={() => props.onRetry(item.clientId)}>
            {labels.retry}
          </button>
        ) : null}
      </span>
    </li>
  );
}
