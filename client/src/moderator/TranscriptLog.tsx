// A read-only transcript: who said what and when, flagged messages marked in words and colour, new lines announced.
import { useLayoutEffect, useRef } from 'react';
import type { ChatMessage } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { formatTime } from './modApi';

type LogMessage = ChatMessage & { highlighted?: boolean };

export function TranscriptLog(props: { messages: LogMessage[]; live?: boolean; label: string; footer?: string }) {
  const t = useModT();
  const scroller = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && props.live) el.scrollTop = el.scrollHeight;
  }, [props.messages, props.live, props.footer]);

  const who = (m: LogMessage) =>
    m.sender === 'visitor' ? t.transcript.survivor : m.sender === 'volunteer' ? t.transcript.volunteer(m.senderName) : m.sender === 'moderator' ? t.transcript.moderator(m.senderName) : t.transcript.system;

  return (
    <div className="messages mod-log" ref={scroller} tabIndex={0} aria-label={props.label} role="region">
      {props.messages.length === 0 ? <p className="hint">{t.transcript.noMessages}</p> : null}
      <div role="log" aria-live={props.live ? 'polite' : 'off'}>
        <ol className="messages__log">
          {props.messages.map((m) =>
            m.sender === 'system' ? (
              <li key={m.id} className="msg msg--system">
                <span className="visually-hidden">{t.transcript.system}: </span>
                <span className="msg__body">{m.body}</span>
              </li>
            ) : (
              <li key={m.id} className={`msg ${m.sender === 'visitor' ? 'msg--peer' : 'msg--own'} mod-msg--${m.sender}${m.highlighted ? ' msg--flagged' : ''}`}>
                <span className="msg__who">
                  {who(m)}
                  {m.highlighted ? <span className="badge badge--urgent mod-flag-badge">{t.transcript.highlighted}</span> : null}
                </span>
                <p className="msg__body">{m.body}</p>
                <span className="msg__meta">
                  <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
                </span>
              </li>
            ),
          )}
        </ol>
      </div>
      {props.footer ? <p className="typing">{props.footer}</p> : null}
    </div>
  );
}
