// Supervision in a chat: help requested, who joined or took over and when, and the private whispers both ways.
import { useId, useState, type FormEvent } from 'react';
import { useStaffT } from '../i18n/staff';
import type { ChatExtras } from './consoleSignals';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const at = (iso: string) => timeFormat.format(new Date(iso));

export function SupervisionPanel(props: { extras: ChatExtras; ended: boolean; onWhisper: (body: string) => Promise<void> }) {
  const all = useStaffT();
  const t = all.tools.help;
  const { help, supervisor, whispers } = props.extras;
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = useId();

  if (!help && !supervisor && whispers.length === 0) return null;

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onWhisper(draft.trim());
      setDraft('');
    } catch (e) {
      setError(e instanceof Error ? e.message : all.errors.generic);
    } finally {
      setBusy(false);
    }
  }

  const status = supervisor
    ? supervisor.tookOver
      ? t.tookOver(supervisor.name, at(supervisor.at))
      : supervisor.present
        ? t.joined(supervisor.name, at(supervisor.at))
        : t.left(supervisor.name)
    : help?.status === 'open'
      ? help.reach
        ? t.reach(help.reach)
        : t.waiting
      : '';

  return (
    <section className="supervision" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="visually-hidden">
        {t.whispers}
      </h3>
      <p className={supervisor?.tookOver ? 'supervision__status supervision__status--takeover' : 'supervision__status'} role="status">
        {status}
      </p>
      {whispers.length > 0 ? (
        <div className="whispers" role="log" aria-label={t.whispers} tabIndex={0}>
          <ol className="whispers__list">
            {whispers.map((w) => (
              <li key={w.id} className={w.sender === 'volunteer' ? 'whisper whisper--own' : 'whisper'}>
                <span className="whisper__who">{w.sender === 'volunteer' ? t.you : t.fromSupervisor(w.senderName)}</span> <span>{w.body}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {supervisor?.present && !props.ended ? (
        <form className="whisper-form" onSubmit={(e) => void send(e)}>
          <label htmlFor={`${id}-w`} className="visually-hidden">
            {t.whisperLabel}
          </label>
          <input
            id={`${id}-w`}
            className="whisper-form__input"
            value={draft}
            placeholder={t.whisperLabel}
            aria-describedby={`${id}-hint`}
            autoComplete="off"
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button button--ghost button--small" disabled={busy || !draft.trim()}>
            {t.whisperSend}
          </button>
          <p id={`${id}-hint`} className="hint whisper-form__hint">
            {t.whisperHint}
          </p>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
