// The invitation form: name or pseudonym, password (the server's own error shown), languages, topics, capacity, gender.
import { useId, useState, type FormEvent } from 'react';
import { LANGUAGES, LIMITS, TOPICS, VOLUNTEER_GENDERS, type InviteAcceptBody, type InvitePreview, type Language, type Topic } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { RequestError } from '../ui/api';
import { request } from './adminApi';
import { CheckboxGroup } from './CheckboxGroup';

export function InviteAcceptForm(props: { token: string; preview: InvitePreview; onAccepted: (password: string) => void }) {
  const t = useAdminT();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [languages, setLanguages] = useState<Language[]>(['en']);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [capacity, setCapacity] = useState<number>(LIMITS.capacityDefault);
  const [gender, setGender] = useState<(typeof VOLUNTEER_GENDERS)[number]>('unspecified');
  const [error, setError] = useState<{ message: string; field?: string }>();
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const passwordHintId = useId();
  const nameHintId = useId();
  const nameId = useId();
  const passwordId = useId();
  const capacityId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) return setError({ message: t.accept.mismatch, field: 'confirm' });
    if (languages.length === 0) return setError({ message: t.accept.languagesNeeded, field: 'languages' });
    setBusy(true);
    setError(undefined);
    const body: InviteAcceptBody = { token: props.token, password, displayName, languages, topics, capacity, gender };
    try {
      await request('POST', '/api/invites/accept', undefined, body);
      props.onAccepted(password);
    } catch (e) {
      const apiError = e instanceof RequestError ? e.apiError : undefined;
      setError({
        message: apiError ? fieldMessage(apiError.field, apiError.message) : t.common.generic,
        ...(apiError?.field ? { field: apiError.field } : {}),
      });
      setBusy(false);
    }
  }

  /** The server's message, led by the field's own label ("Password: is on a list of common passwords…"). */
  function fieldMessage(field: string | undefined, message: string): string {
    const labels: Record<string, string> = { password: t.accept.password, displayName: t.accept.displayName, languages: t.accept.languages };
    const text = field ? message.replace(new RegExp(`^${field}:\\s*`), '') : message;
    return field && labels[field] ? t.fieldError(labels[field], text) : text;
  }

  const invalid = (field: string) => (error?.field === field ? true : undefined);
  const describedBy = (field: string, hint: string) => (error?.field === field ? `${hint} ${errorId}` : hint);

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate={false}>
      {error ? (
        <p id={errorId} className="card card--error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={nameId}>
          {t.accept.displayName}
        </label>
        <input
          id={nameId}
          required
          autoComplete="nickname"
          maxLength={LIMITS.displayNameMaxChars}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          aria-invalid={invalid('displayName')}
          aria-describedby={describedBy('displayName', nameHintId)}
        />
        <span id={nameHintId} className="hint">
          {t.accept.displayNameHint}
        </span>
      </div>
      <input type="email" className="visually-hidden" autoComplete="username" value={props.preview.email} readOnly tabIndex={-1} aria-hidden="true" />
      <div className="field">
        <label className="field__label" htmlFor={passwordId}>
          {t.accept.password}
        </label>
        <input
          id={passwordId}
          type="password"
          required
          autoComplete="new-password"
          maxLength={LIMITS.passwordMaxChars}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={invalid('password')}
          aria-describedby={describedBy('password', passwordHintId)}
        />
        <span id={passwordHintId} className="hint">
          {t.accept.passwordHint(LIMITS.passwordMinChars)}
        </span>
      </div>
      <label className="field">
        <span className="field__label">{t.accept.confirm}</span>
        <input type="password" required autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} aria-invalid={invalid('confirm')} />
      </label>
      <CheckboxGroup
        legend={t.accept.languages}
        options={LANGUAGES.map((l) => ({ value: l, label: t.languages[l] }))}
        value={languages}
        onChange={setLanguages}
      />
      <CheckboxGroup legend={t.accept.topics} options={TOPICS.map((topic) => ({ value: topic, label: t.topics[topic] }))} value={topics} onChange={setTopics} />
      <div className="field">
        <label className="field__label" htmlFor={capacityId}>
          {t.accept.capacity}
        </label>
        <select id={capacityId} value={capacity} onChange={(e) => setCapacity(Number(e.target.value))} aria-describedby="accept-capacity-hint">
          {[1, 2, 3].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <span id="accept-capacity-hint" className="hint">
          {t.accept.capacityHint}
        </span>
      </div>
      <label className="field">
        <span className="field__label">{t.accept.gender}</span>
        <select value={gender} onChange={(e) => setGender(e.target.value as typeof gender)}>
          {VOLUNTEER_GENDERS.map((g) => (
            <option key={g} value={g}>
              {t.accept.genders[g]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--primary button--wide" disabled={busy}>
        {busy ? t.accept.submitting : t.accept.submit}
      </button>
    </form>
  );
}
