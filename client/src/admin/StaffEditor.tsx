// Edits one staff member's role, name, languages, topics and capacity in a modal dialog; sends only what changed.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LANGUAGES, LIMITS, ROLES, TOPICS, type StaffAccount, type StaffUpdateBody } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { errorText, type AdminApi } from './adminApi';
import { CheckboxGroup } from './CheckboxGroup';

export function StaffEditor(props: {
  api: AdminApi;
  account?: StaffAccount;
  onClose: () => void;
  onSaved: (account: StaffAccount) => void;
}) {
  const t = useAdminT();
  const ref = useRef<HTMLDialogElement>(null);
  const { account } = props;
  const [draft, setDraft] = useState<Required<Omit<StaffUpdateBody, 'gender'>>>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (account) {
      setDraft({
        role: account.role,
        displayName: account.displayName,
        languages: account.languages,
        topics: account.topics,
        capacity: account.capacity,
      });
      setError(undefined);
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) dialog.close();
  }, [account]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!account || !draft) return;
    const changes: StaffUpdateBody = {};
    if (draft.role !== account.role) changes.role = draft.role;
    if (draft.displayName.trim() !== account.displayName) changes.displayName = draft.displayName.trim();
    if (draft.capacity !== account.capacity) changes.capacity = draft.capacity;
    if ([...draft.languages].sort().join() !== [...account.languages].sort().join()) changes.languages = draft.languages;
    if ([...draft.topics].sort().join() !== [...account.topics].sort().join()) changes.topics = draft.topics;
    if (Object.keys(changes).length === 0) return props.onClose();
    setBusy(true);
    setError(undefined);
    try {
      props.onSaved(await props.api.updateStaff(account.id, changes));
    } catch (e) {
      setError(errorText(e, t.common.generic));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="admin-dialog admin-dialog--wide" aria-labelledby="staff-editor-heading" onClose={props.onClose}>
      {account && draft ? (
        <form className="stack" onSubmit={(e) => void save(e)}>
          <h2 id="staff-editor-heading">{t.staff.editHeading(account.displayName)}</h2>
          {error ? (
            <p className="card card--error" role="alert">
              {error}
            </p>
          ) : null}
          <label className="field">
            <span className="field__label">{t.accept.displayName}</span>
            <input required maxLength={LIMITS.displayNameMaxChars} value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
          </label>
          <label className="field">
            <span className="field__label">{t.staff.role}</span>
            <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as StaffAccount['role'] })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t.roles[r]}
                </option>
              ))}
            </select>
          </label>
          {draft.role !== account.role ? <p className="card card--notice">{t.staff.confirmRoleChange}</p> : null}
          <CheckboxGroup
            legend={t.staff.languages}
            options={LANGUAGES.map((l) => ({ value: l, label: t.languages[l] }))}
            value={draft.languages}
            onChange={(languages) => setDraft({ ...draft, languages })}
          />
          <CheckboxGroup
            legend={t.staff.topics}
            options={TOPICS.map((topic) => ({ value: topic, label: t.topics[topic] }))}
            value={draft.topics}
            onChange={(topics) => setDraft({ ...draft, topics })}
          />
          <label className="field">
            <span className="field__label">{t.staff.capacity}</span>
            <select value={draft.capacity} onChange={(e) => setDraft({ ...draft, capacity: Number(e.target.value) })}>
              {[1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <div className="admin-actions">
            <button type="button" className="button button--ghost" onClick={props.onClose}>
              {t.common.cancel}
            </button>
            <button type="submit" className="button button--primary" disabled={busy || draft.languages.length === 0}>
              {busy ? t.common.saving : t.common.save}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
