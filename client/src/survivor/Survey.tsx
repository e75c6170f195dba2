// The optional two-question survey after a chat: "did you feel heard?" (1–5) and "would you reach out again?".
import { useId, useState, type FormEvent } from 'react';
import type { SurveyAnswer, SurveyBody, SurveyReachAgain } from '@beside/shared';
import { useT } from '../i18n';
import { postJson } from '../ui/api';

const REACH_AGAIN: SurveyReachAgain[] = ['yes', 'no', 'unsure'];

export function Survey(props: { token: string; conversationId: string }) {
  const t = useT();
  const s = t.survey;
  const [feltHeard, setFeltHeard] = useState<number>();
  const [reachAgain, setReachAgain] = useState<SurveyReachAgain>();
  const [state, setState] = useState<'open' | 'sending' | 'done' | 'skipped'>('open');
  const [error, setError] = useState(false);
  const id = useId();

  if (state === 'skipped') return null;
  if (state === 'done') {
    return (
      <p className="survey survey--done" role="status">
        {s.thanks}
      </p>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (feltHeard === undefined && reachAgain === undefined) return;
    setState('sending');
    setError(false);
    const body: SurveyBody = { ...(feltHeard ? { feltHeard } : {}), ...(reachAgain ? { reachAgain } : {}) };
    try {
      await postJson<SurveyAnswer>(`/api/conversations/${encodeURIComponent(props.conversationId)}/survey`, body, { token: props.token });
      setState('done');
    } catch {
      setError(true);
      setState('open');
    }
  }

  return (
    <form className="survey card card--quiet" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-h`} className="card__title">
        {s.heading}
      </h2>
      <p className="hint">{s.intro}</p>
      <fieldset className="survey__question">
        <legend>{s.feltHeard}</legend>
        <div className="scale">
          {s.scale.map((label, i) => (
            <label key={label} className="scale__option">
              <input type="radio" name={`${id}-heard`} checked={feltHeard === i + 1} onChange={() => setFeltHeard(i + 1)} />
              <span>{label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="survey__question">
        <legend>{s.reachAgain}</legend>
        <div className="scale">
          {REACH_AGAIN.map((r) => (
            <label key={r} className="scale__option">
              <input type="radio" name={`${id}-again`} checked={reachAgain === r} onChange={() => setReachAgain(r)} />
              <span>{s.reachAgainOptions[r]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error ? (
        <p className="error" role="alert">
          {t.errors.generic}
        </p>
      ) : null}
      <div className="survey__actions">
        <button type="submit" className="button button--primary" disabled={state === 'sending' || (feltHeard === undefined && reachAgain === undefined)}>
          {s.submit}
        </button>
        <button type="button" className="button button--ghost" onClick={() => setState('skipped')}>
          {s.skip}
        </button>
      </div>
    </form>
  );
}
