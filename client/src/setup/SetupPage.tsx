// /setup#<token>: creates the first administrator with the one-time link the server printed.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { LIMITS } from '@beside/shared';
import { LanguageProvider } from '../i18n';
import { useStaffT } from '../i18n/staff';
import { postJson, RequestError } from '../ui/api';
import '../volunteer/staff.css';

export default function SetupPage() {
  return (
    <LanguageProvider initial="en">
      <SetupForm />
    </LanguageProvider>
  );
}

function readToken(): string {
  return decodeURIComponent(location.hash.replace(/^#/, '')).trim();
}

function SetupForm() {
  const t = useStaffT();
  const [setupToken] = useState(readToken);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<{ message: string; field?: string }>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const passwordHintId = useId();
  const nameHintId = useId();
  const nameId = useId();
  const passwordId = useId();

  useEffect(() => {
    document.title = t.pageTitle;
    // Keep the one-time token out of the address bar once it is read.
    if (location.hash) history.replaceState(null, '', location.pathname);
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) {
      setError({ message: t.setup.mismatch, field: 'confirm' });
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await postJson<unknown>('/api/setup', { setupToken, email, password, displayName });
      setDone(true);
    } catch (e) {
      const apiError = e instanceof RequestError ? e.apiError : undefined;
      setError({ message: apiError?.message ?? t.errors.generic, ...(apiError?.field ? { field: apiError.field } : {}) });
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <main className="staff-auth">
        <div className="card stack auth-form" role="status">
          <h1>{t.setup.done}</h1>
          <a className="button button--primary button--wide" href="/staff">
            {t.setup.goToLogin}
          </a>
        </div>
      </main>
    );
  }

  const invalid = (field: string) => (error?.field === field ? true : undefined);
  return (
    <main className="staff-auth">
      <form className="card stack auth-form" onSubmit={(e) => void submit(e)}>
        <p className="brand">{t.product}</p>
        <h1>{t.setup.heading}</h1>
        <p>{setupToken ? t.setup.intro : t.setup.noToken}</p>
        {error ? (
          <p className="card card--error" role="alert">
            {error.message}
          </p>
        ) : null}
        <div className="field">
          <label className="field__label" htmlFor={nameId}>
            {t.setup.displayName}
          </label>
          <input
            id={nameId}
            required
            maxLength={LIMITS.displayNameMaxChars}
            autoComplete="nickname"
            value={displayName}
            aria-describedby={nameHintId}
            aria-invalid={invalid('displayName')}
            onChange={(e) => setDisplayName(e.target.value)}
          />
          <span id={nameHintId} className="hint">
            {t.setup.displayNameHint}
          </span>
        </div>
        <label className="field">
          <span className="field__label">{t.setup.email}</span>
          <input
            type="email"
            required
            autoComplete="username"
            maxLength={LIMITS.emailMaxChars}
            value={email}
            aria-invalid={invalid('email')}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <div className="field">
          <label className="field__label" htmlFor={passwordId}>
            {t.setup.password}
          </label>
          <input
            id={passwordId}
            type="password"
            required
            autoComplete="new-password"
            minLength={LIMITS.passwordMinChars}
            maxLength={LIMITS.passwordMaxChars}
            value={password}
            aria-describedby={passwordHintId}
            aria-invalid={invalid('password')}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span id={passwordHintId} className="hint">
            {t.setup.passwordHint(LIMITS.passwordMinChars)}
          </span>
        </div>
        <label className="field">
          <span className="field__label">{t.setup.confirm}</span>
          <input
            type="password"
            required
            autoComplete="new-password"
            value={confirm}
            aria-invalid={invalid('confirm')}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary button--wide" disabled={busy || !setupToken}>
          {busy ? t.setup.submitting : t.setup.submit}
        </button>
      </form>
    </main>
  );
}
