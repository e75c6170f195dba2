// Whispers between the observing moderator and the volunteer: a private log and a box to write one; the survivor never sees them.
import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { formatTime } from './modApi';
import type { ObservedChat } from './useModeratorLive';

export function WhisperPanel(props: { chat: ObservedChat; onWhisper: (body: string) => Promise<string | undefined> }) {
  const t = useModT();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const headingId = useId();
  const tooLong = body.length > LIMITS.messageMaxChars;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim() || tooLong) return;
    setBusy(true);
    const failure = await props.onWhisper(body.trim());
    setBusy(false);
    setError(failure);
    if (!failure) setBody('');
  }

  return (
    <section className="mod-whispers" aria-labelledby={headingId}>
      <h3 id={headingId}>{t.supervision.whisperHeading}</h3>
      <div role="log" aria-live="polite" aria-label={t.transcript.whispers} className="mod-whispers__log">
        {props.chat.whispers.length === 0 ? <p className="hint">{t.supervision.noWhispers}</p> : null}
        <ol className="messages__log">
          {props.chat.whispers.map((w) => (
            <li key={w.id} className={`msg whisper whisper--${w.sender}`}>
              <span className="msg__who">{w.sender === 'moderator' ? t.transcript.moderator(w.senderName) : t.transcript.volunteer(w.senderName)}</span>
              <p className="msg__body">{w.body}</p>
              <span className="msg__meta">
                <time dateTime={w.createdAt}>{formatTime(w.createdAt)}</time>
              </span>
            </li>
          ))}
        </ol>
      </div>
      {props.chat.ended ? null : (
        <form className="stack" onSubmit={(e) => void submit(e)}>
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
          <button type="submit" className="button button--primary" disabled={busy || !body.trim() || tooLong}>
            {t.supervision.whisperSend}
          </button>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
