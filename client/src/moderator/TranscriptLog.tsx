// A transcript: who said what and when, flagged messages marked in words and colour, new lines announced; live, the moderator's own pending lines.
import { useLayoutEffect, useRef } from 'react';
import type { ChatMessage } from '@beside/shared';
import { systemLineText } from '../i18n/codes';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import type { OutgoingMessage } from '../ui/outbox';
import { LinkedText } from '../ui/directoryLinks';
import { ResourceCard } from '../ui/ResourceCard';
import { formatTime } from './modApi';
import { PendingLine } from './PendingLine';

type LogMessage = ChatMessage & { highlighted?: boolean };

/** A taken-over chat's lines to the survivor that the server has not acknowledged yet. */
export interface PendingLines {
  items: OutgoingMessage[];
  who: string;
  onRetry: (clientId: string) => void;
}

export function TranscriptLog(props: { messages: LogMessage[]; pending?: PendingLines; live?: boolean; label: string; footer?: string }) {
  const t = useModT();
  const resourceLabels = useStaffT().chat.resource;
  const scroller = useRef<HTMLDivElement>(null);
  const pending = props.pending;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && props.live) el.scrollTop = el.scrollHeight;
  }, [props.messages, pending?.items, props.live, props.footer]);

  const who = (m: LogMessage) =>
    m.sender === 'visitor' ? t.transcript.survivor : m.sender === 'volunteer' ? t.transcript.volunteer(m.senderName) : m.sender === 'moderator' ? t.transcript.moderator(m.senderName) : t.transcript.system;

  return (
    <div className="messages mod-log" ref={scroller} tabIndex={0} aria-label={props.label} role="region">
      {props.messages.length === 0 && !pending?.items.length ? <p className="hint">{t.transcript.noMessages}</p> : null}
      <div role="log" aria-live={props.live ? 'polite' : 'off'}>
        <ol className="messages__log">
          {props.messages.map((m) =>
            m.sender === 'system' ? (
              <li key={m.id} className="msg msg--system">
                <span className="visually-hidden">{t.transcript.system}: </span>
                <span className="msg__body">{systemLineText(t.transcript.systemLines, m)}</span>
              </li>
            ) : (
              <li key={m.id} className={`msg ${m.sender === 'visitor' ? 'msg--peer' : 'msg--own'} mod-msg--${m.sender}${m.highlighted ? ' msg--flagged' : ''}`}>
                <span className="msg__who">
                  {who(m)}
                  {m.highlighted ? <span className="badge badge--urgent mod-flag-badge">{t.transcript.highlighted}</span> : null}
                </span>
                {m.kind === 'resource' && m.resource ? (
                  <ResourceCard resource={m.resource} labels={resourceLabels} />
                ) : (
                  <p className="msg__body">
                    <LinkedText text={m.body} />
                  </p>
                )}
                <span className="msg__meta">
                  <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
                </span>
              </li>
            ),
          )}
          {pending?.items.map((item) => (
            <PendingLine key={item.clientId} item={item} who={pending.who} className="msg msg--own mod-msg--moderator" onRetry={pending.onRetry} />
          ))}
        </ol>
      </div>
      {props.footer ? <p className="typing">{props.footer}</p> : null}
    </div>
  );
}
