// The parts of a chat before a transfer or a return to the queue: read-only, marked as earlier, with the change lines.
import type { ChatMessage, SenderRole, ThreadPart } from '@beside/shared';
import type { ThreadWords } from '../i18n/thread';
import { LinkedText } from './directoryLinks';
import type { MessageListLabels } from './MessageList';
import { ResourceCard } from './ResourceCard';
import './earlier.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const formatTime = (iso: string) => (Number.isNaN(new Date(iso).getTime()) ? '' : timeFormat.format(new Date(iso)));

/**
 * `parts` oldest first; `nowWith` is who the reader is with now (the line after the last part), or undefined while
 * the survivor waits for the next volunteer.
 */
export function EarlierParts(props: {
  parts: ThreadPart[];
  nowWith: string | undefined;
  self: SenderRole;
  words: ThreadWords;
  labels: Pick<MessageListLabels, 'self' | 'system' | 'systemLine' | 'resource' | 'peer'>;
}) {
  const { parts, words, labels, self } = props;
  if (parts.length === 0) return null;
  return (
    <section className="earlier" aria-label={words.earlier}>
      <h2 className="earlier__title">{words.earlier}</h2>
      {parts.map((part, i) => {
        const next = parts[i + 1]?.volunteerName ?? props.nowWith;
        return (
          <div key={part.conversationId} className="earlier__part">
            {part.transcriptDeleted ? <p className="earlier__deleted">{words.deleted}</p> : null}
            <ol className="messages__log messages__log--earlier">
              {part.messages.map((m) => (
                <EarlierMessage key={m.id} message={m} self={self} labels={labels} fallbackName={part.volunteerName} />
              ))}
            </ol>
            <p className="earlier__change" role="note">
              {next ? words.change(part.volunteerName, next, part.endReason) : words.waitingAfter(part.volunteerName)}
            </p>
          </div>
        );
      })}
    </section>
  );
}

function EarlierMessage(props: {
  message: ChatMessage;
  self: SenderRole;
  fallbackName: string;
  labels: Pick<MessageListLabels, 'self' | 'system' | 'systemLine' | 'resource' | 'peer'>;
}) {
  const { message: m, labels, self } = props;
  if (m.sender === 'system') {
    return (
      <li className="msg msg--system">
        <span className="visually-hidden">{labels.system}: </span>
        <span className="msg__body">{labels.systemLine(m)}</span>
      </li>
    );
  }
  // The survivor's lines on one side, the staff's on the other; staff lines carry the name of whoever wrote them.
  const fromVisitor = m.sender === 'visitor';
  const own = self === 'visitor' ? fromVisitor : !fromVisitor;
  const who = fromVisitor ? (self === 'visitor' ? labels.self : labels.peer(m)) : (m.senderName ?? props.fallbackName);
  return (
    <li className={own ? 'msg msg--own msg--earlier' : 'msg msg--peer msg--earlier'}>
      <span className="msg__who">{who}</span>
      {m.kind === 'resource' && m.resource ? (
        <ResourceCard resource={m.resource} labels={labels.resource} />
      ) : (
        <p className="msg__body">
          <LinkedText text={m.body} />
        </p>
      )}
      <span className="msg__meta">
        <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
      </span>
    </li>
  );
}
