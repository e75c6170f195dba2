// Report the volunteer (report:send): a reason and optional words; the volunteer is never told.
import { useId, useState, type FormEvent } from 'react';
import type { SurvivorReportReason } from '@beside/shared';
import { useT } from '../i18n';
import { request, type BesideSocket } from '../ui/socket';

// Spelled out (checked against the contract's type) so the survivor page does not pull zod in through moderation.ts.
const REASONS = [
  'asked_for_contact_details',
  'sexual_or_inappropriate',
  'disrespectful_or_judgemental',
  'unsafe_or_threatening',
  'other',
] as const satisfies readonly SurvivorReportReason[];

/** `name`: who the survivor is talking with (their volunteer, or the supervisor who took the chat over). */
export function ReportVolunteer(props: { socket: BesideSocket; conversationId: string; name: string; supervisor: boolean }) {
  const t = useT();
  const r = t.report;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<SurvivorReportReason>();
  const [text, setText] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'done'>('idle');
  const [error, setError] = useState(false);
  const id = useId();

  if (state === 'done') {
    return (
      <p className="report report--done" role="status">
        {r.done}
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="link-button report__open" onClick={() => setOpen(true)}>
        {props.supervisor ? r.openSupervisor(props.name) : r.open}
      </button>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason) return;
    setState('sending');
    setError(false);
    const ack = await request(props.socket, 'report:send', { conversationId: props.conversationId, reason, text: text.trim() || undefined });
    if (ack.ok) setState('done');
    else {
      setError(true);
      setState('idle');
    }
  }

  return (
    <form className="report card card--quiet" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-h`} className="card__title">
        {r.heading}
      </h2>
      <p className="hint">{r.intro(props.name)}</p>
      <fieldset className="survey__question">
        <legend>{r.reason}</legend>
        {REASONS.map((x) => (
          <label key={x} className="scale__option scale__option--row">
            <input type="radio" name={`${id}-reason`} checked={reason === x} onChange={() => setReason(x)} />
            <span>{r.reasons[x]}</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-text`} className="report__label">
        {r.text}
      </label>
      <textarea id={`${id}-text`} className="report__text" rows={3} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
      {error ? (
        <p className="error" role="alert">
          {t.errors.generic}
        </p>
      ) : null}
      <div className="survey__actions">
        <button type="submit" className="button button--primary" disabled={!reason || state === 'sending'}>
          {r.submit}
        </button>
        <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
          {r.cancel}
        </button>
      </div>
    </form>
  );
}
