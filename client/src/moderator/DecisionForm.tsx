// The decision on one flag: dismiss, warn or suspend the volunteer, or ban the survivor, always with a note.
import { useId, useState, type FormEvent } from 'react';
import type { FlagDecision, FlagQueueItem } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { toApiError } from '../ui/api';
import { modApi } from './modApi';

// Typed against the contract; spelled out so zod stays out of this chunk.
const DECISIONS: readonly FlagDecision[] = ['dismiss', 'warn_volunteer', 'suspend_volunteer', 'ban_survivor'];

export function DecisionForm(props: { token: string; flag: FlagQueueItem }) {
  const t = useModT();
  const [decision, setDecision] = useState<FlagDecision>();
  const [note, setNote] = useState('');
  const [banDays, setBanDays] = useState(30);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<FlagQueueItem>();
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  const hintId = useId();
  const daysId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!decision || !note.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      setDone(await modApi.decide(props.token, props.flag.id, decision, note.trim(), banDays));
    } catch (e) {
      setError(toApiError(e).message);
    }
    setBusy(false);
  }

  if (done) {
    return (
      <p className="card card--notice" role="status">
        {t.decision.done(done.outcome ? t.outcomes[done.outcome] : '')}
      </p>
    );
  }

  return (
    <form className="card stack mod-decision" onSubmit={(e) => void submit(e)} aria-labelledby="decision-heading">
      <h3 id="decision-heading">{t.decision.heading}</h3>
      <fieldset className="mod-radios">
        <legend className="field__label">{t.decision.legend}</legend>
        {DECISIONS.map((d) => (
          <label key={d} className={`mod-radio${d === 'suspend_volunteer' || d === 'ban_survivor' ? ' mod-radio--serious' : ''}`}>
            <input type="radio" name="decision" value={d} required checked={decision === d} onChange={() => setDecision(d)} />
            <span>{t.decision.options[d]}</span>
          </label>
        ))}
      </fieldset>
      {decision === 'ban_survivor' ? (
        <label className="field" htmlFor={daysId}>
          <span className="field__label">{t.decision.banDays}</span>
          <input id={daysId} type="number" min={1} max={365} value={banDays} onChange={(e) => setBanDays(Number(e.target.value) || 30)} />
        </label>
      ) : null}
      <label className="field__label" htmlFor={noteId}>
        {t.decision.note}
      </label>
      <textarea id={noteId} className="composer__input" rows={4} required maxLength={2000} value={note} aria-describedby={hintId} onChange={(e) => setNote(e.target.value)} />
      <p id={hintId} className="hint">
        {t.decision.noteHint}
      </p>
      <button type="submit" className={decision === 'suspend_volunteer' || decision === 'ban_survivor' ? 'button button--danger' : 'button button--primary'} disabled={busy || !decision || !note.trim()}>
        {busy ? t.decision.submitting : t.decision.submit}
      </button>
      {error ? (
        <p className="card card--error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
