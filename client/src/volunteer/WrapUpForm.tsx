// The wrap-up after a chat ends: topics, risk level, and a private note for the supervisors or the next volunteer.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { TOPICS, type Topic, type WrapUpNoteAudience, type WrapUpRiskLevel, type WrapUpView } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import { toApiError } from '../ui/api';
import { getWrapUp, submitWrapUp } from './staffApi';

const RISKS: WrapUpRiskLevel[] = ['low', 'medium', 'high'];
const AUDIENCES: WrapUpNoteAudience[] = ['supervisor', 'next_volunteer'];

export function WrapUpForm(props: { token: string; conversationId: string; topic: Topic; transcriptDeleted: boolean }) {
  const all = useStaffT();
  const t = all.tools.wrapUp;
  const { token, conversationId } = props;
  const [topics, setTopics] = useState<Topic[]>([props.topic]);
  const [risk, setRisk] = useState<WrapUpRiskLevel>('low');
  const [note, setNote] = useState('');
  const [noteFor, setNoteFor] = useState<WrapUpNoteAudience>('supervisor');
  const [saved, setSaved] = useState<WrapUpView>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = useId();

  // After a reload the form comes back only if no wrap-up was written yet.
  useEffect(() => {
    let cancelled = false;
    getWrapUp(token, conversationId).then(
      (r) => !cancelled && r.wrapUp && setSaved(r.wrapUp),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [token, conversationId]);

  function toggle(topic: Topic, on: boolean) {
    setTopics((list) => (on ? [...list, topic] : list.filter((x) => x !== topic)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (topics.length === 0) return setError(t.needTopic);
    setBusy(true);
    setError(undefined);
    try {
      const withNote = note.trim() && !props.transcriptDeleted;
      setSaved(await submitWrapUp(token, conversationId, { topics, risk, ...(withNote ? { note: note.trim(), noteFor } : {}) }));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  }

  if (saved) {
    return (
      <p className="wrap-up wrap-up--done" role="status">
        {saved.markedHighRisk ? t.savedHighRisk : t.saved}
      </p>
    );
  }

  return (
    <form className="wrap-up" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-h`} className="tool-panel__title">
        {t.heading}
      </h3>
      <p className="hint">{t.intro}</p>
      <fieldset className="opt-group opt-group--grid">
        <legend>{t.topics}</legend>
        {TOPICS.map((topic) => (
          <label key={topic} className="opt">
            <input type="checkbox" checked={topics.includes(topic)} onChange={(e) => toggle(topic, e.target.checked)} />
            <span>{all.topics[topic]}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="opt-group opt-group--row">
        <legend>{t.risk}</legend>
        {RISKS.map((r) => (
          <label key={r} className="opt">
            <input type="radio" name={`${id}-risk`} checked={risk === r} onChange={() => setRisk(r)} />
            <span>{t.risks[r]}</span>
          </label>
        ))}
      </fieldset>
      {!props.transcriptDeleted ? (
        <>
          <label htmlFor={`${id}-note`} className="field__label">
            {t.note}
          </label>
          <textarea id={`${id}-note`} className="tool-panel__text" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          <fieldset className="opt-group opt-group--row">
            <legend>{t.noteFor}</legend>
            {AUDIENCES.map((a) => (
              <label key={a} className="opt">
                <input type="radio" name={`${id}-for`} checked={noteFor === a} onChange={() => setNoteFor(a)} />
                <span>{t.noteFors[a]}</span>
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--small" disabled={busy}>
        {busy ? t.saving : t.submit}
      </button>
    </form>
  );
}
