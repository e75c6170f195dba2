// Whispers between the observing moderator and the volunteer: a private log and a box to write one; the survivor never sees them.
import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { formatTime } from './modApi';
import type { ObservedChat } from './observerConnection';
import { PendingLine } from './PendingLine';

export function WhisperPanel(props: {
  chat: ObservedChat;
  selfName: string;
  /** Queues the whisper: it shows as pending until the server acknowledged it. */
  onWhisper: (body: string) => void;
  onRetry: (clientId: string) => void;
}) {
  const t = useModT();
  const [body, setBody] = useState('');
  const inputId = useId();
  const headingId = useId();
  const tooLong = body.length > LIMITS.messageMaxChars;
  const { whispers, outgoingWhispers } = props.chat.view;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim() || tooLong) return;
    props.onWhisper(body.trim());
    setBody('');
  }

  return (
    <section className="mod-whispers" aria-labelledby={headingId}>
      <h3 id={headingId}>{t.supervision.whisperHeading}</h3>
      {/* Focusable: the whispers scroll within their box when there are many. */}
      <div role="log" aria-live="polite" aria-label={t.transcript.whispers} className="mod-whispers__log" tabIndex={0}>
        {whispers.length === 0 && outgoingWhispers.length === 0 ? <p className="hint">{t.supervision.noWhispers}</p> : null}
        <ol className="messages__log">
          {whispers.map((w) => (
            <li key={w.id} className={`msg whisper whisper--${w.sender}`}>
              <span className="msg__who">{w.sender === 'moderator' ? t.transcript.moderator(w.senderName) : t.transcript.volunteer(w.senderName)}</span>
              <p className="msg__body">{w.body}</p>
              <span className="msg__meta">
                <time dateTime={w.createdAt}>{formatTime(w.createdAt)}</time>
              </span>
            </li>
          ))}
          {outgoingWhispers.map((item) => (
            <PendingLine
              key={item.clientId}
              item={item}
              who={t.transcript.moderator(props.selfName)}
              className="msg whisper whisper--moderator"
              onRetry={props.onRetry}
            />
          ))}
        </ol>
      </div>
      {props.chat.ended ? null : (
        <form className="stack" onSubmit={submit}>
          <label htmlFor={inputId} className="field__label">
            {t.supervision.whisperLabel}
          </label>
          <textarea
            id={inputId}
            className="composer__input"
            rows={2}
            value={body}
            placeholder={t.supervision.whisperPlaceholder}
            aria-invalid={tooLong || undefined}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {tooLong ? <p className="composer__hint composer__hint--error">{t.supervision.tooLong(LIMITS.messageMaxChars)}</p> : null}
          <button type="submit" className="button button--primary" disabled={!body.trim() || tooLong}>
            {t.supervision.whisperSend}
          </button>
        </form>
      )}
    </section>
  );
}
