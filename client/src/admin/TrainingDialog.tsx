// Records training in a modal dialog: which course and the day it was completed (never later than today); the admin signed in is the recorder.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS, type StaffAccount } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { errorText, type AdminApi } from './adminApi';
import { localDateInput } from './format';

export function TrainingDialog(props: { api: AdminApi; account?: StaffAccount; onClose: () => void; onSaved: (account: StaffAccount) => void }) {
  const t = useAdminT();
  const a = t.access.training;
  const ref = useRef<HTMLDialogElement>(null);
  const { account } = props;
  const today = localDateInput(new Date());
  const [course, setCourse] = useState('');
  const [completedOn, setCompletedOn] = useState(today);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const hintId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (account) {
      setCourse(account.training?.course ?? '');
      setCompletedOn(localDateInput(new Date()));
      setError(undefined);
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) dialog.close();
  }, [account]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!account) return;
    setBusy(true);
    setError(undefined);
    try {
      props.onSaved(await props.api.setTraining(account.id, { trained: true, course: course.trim(), completedOn }));
    } catch (e) {
      setError(errorText(e, t.common.generic, { course: a.course, completedOn: a.completedOn }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="admin-dialog" aria-labelledby="training-heading" onClose={props.onClose}>
      {account ? (
        <form className="stack" onSubmit={(e) => void save(e)}>
          <h2 id="training-heading">{a.heading(account.displayName)}</h2>
          <p className="hint">{a.intro}</p>
          {error ? (
            <p className="card card--error" role="alert">
              {error}
            </p>
          ) : null}
          <label className="field">
            <span className="field__label">{a.course}</span>
            <input required maxLength={LIMITS.trainingCourseMaxChars} value={course} aria-describedby={hintId} onChange={(e) => setCourse(e.target.value)} />
            <span id={hintId} className="hint">
              {a.courseHint}
            </span>
          </label>
          <label className="field">
            <span className="field__label">{a.completedOn}</span>
            <input type="date" required max={today} value={completedOn} onChange={(e) => setCompletedOn(e.target.value)} />
          </label>
          <div className="admin-actions">
            <button type="button" className="button button--ghost" onClick={props.onClose}>
              {t.common.cancel}
            </button>
            <button type="submit" className="button button--primary" disabled={busy || !course.trim() || !completedOn}>
              {busy ? t.common.saving : a.record}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
