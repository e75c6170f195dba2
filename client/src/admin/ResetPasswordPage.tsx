// /reset#<token>: check an admin-issued reset link, choose a new password (the server's own error shown), then sign in again.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { LIMITS, type PasswordResetBody, type PasswordResetPreview } from '@beside/shared';
import { LanguageProvider } from '../i18n';
import { useAdminT } from '../i18n/admin';
import { RequestError } from '../ui/api';
import { request } from './adminApi';
import { formatDateTime } from './format';
import '../volunteer/staff.css';
import './auth.css';
import './admin.css';

export default function ResetPasswordPage() {
  return (
    <LanguageProvider initial="en">
      <ResetPassword />
    </LanguageProvider>
  );
}

function readToken(): string {
  return decodeURIComponent(location.hash.replace(/^#/, '')).trim();
}

type Stage = { kind: 'checking' } | { kind: 'invalid' } | { kind: 'form'; preview: PasswordResetPreview } | { kind: 'done' };

function ResetPassword() {
  const t = useAdminT();
  const r = t.access.resetPage;
  const [token] = useState(readToken);
  const [stage, setStage] = useState<Stage>(token ? { kind: 'checking' } : { kind: 'invalid' });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const hintId = useId();
  const passwordId = useId();

  useEffect(() => {
    document.title = r.pageTitle;
    // Keep the one-time token out of the address bar (and out of history) once it is read.
    if (location.hash) history.replaceState(null, '', location.pathname);
  }, [r]);

  useEffect(() => {
    if (!token) return;
    request<PasswordResetPreview>('POST', '/api/password-reset/preview', undefined, { token }).then(
      (preview) => setStage({ kind: 'form', preview }),
      () => setStage({ kind: 'invalid' }),
    );
  }, [token]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) return setError(t.accept.mismatch);
    setBusy(true);
    setError(undefined);
    try {
      await request('POST', '/api/password-reset', undefined, { token, password } satisfies PasswordResetBody);
      setStage({ kind: 'done' });
    } catch (e) {
      const apiError = e instanceof RequestError ? e.apiError : undefined;
      if (e instanceof RequestError && e.status === 404) setStage({ kind: 'invalid' });
      else setError(apiError ? apiError.message.replace(/^password:\s*/, `${r.password}: `) : t.common.generic);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="staff-auth">
      <div className="card stack auth-form accept">
        <p className="brand">{t.product}</p>
        <h1>{r.heading}</h1>
        <div aria-live="polite" className="stack">
          {stage.kind === 'checking' ? <p className="hint">{r.checking}</p> : null}
          {stage.kind === 'invalid' ? <p className="card card--error">{token ? r.invalid : r.noToken}</p> : null}
        </div>
        {stage.kind === 'form' ? (
          <form className="stack" onSubmit={(e) => void submit(e)}>
            <p>{r.intro(stage.preview.displayName, stage.preview.email)}</p>
            <p className="hint">{r.expires(formatDateTime(stage.preview.expiresAt))}</p>
            {error ? (
              <p id={errorId} className="card card--error" role="alert">
                {error}
              </p>
            ) : null}
            {/* The e-mail as a username field, so that a password manager saves the new password for the right account. */}
            <input type="email" name="username" autoComplete="username" value={stage.preview.email} readOnly hidden />
            <div className="field">
              <label className="field__label" htmlFor={passwordId}>
                {r.password}
              </label>
              <input
                id={passwordId}
                type="password"
                autoComplete="new-password"
                required
                minLength={LIMITS.passwordMinChars}
                maxLength={LIMITS.passwordMaxChars}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-describedby={error ? `${hintId} ${errorId}` : hintId}
                aria-invalid={error ? true : undefined}
              />
              <span id={hintId} className="hint">
                {t.accept.passwordHint(LIMITS.passwordMinChars)}
              </span>
            </div>
            <label className="field">
              <span className="field__label">{r.confirm}</span>
              <input type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            </label>
            <button type="submit" className="button button--primary button--wide" disabled={busy}>
              {busy ? r.submitting : r.submit}
            </button>
          </form>
        ) : null}
        {stage.kind === 'done' ? (
          <div className="stack" role="status">
            <p className="card card--notice">{r.done}</p>
            <a className="button button--primary" href="/staff">
              {r.goToSignIn}
            </a>
          </div>
        ) : null}
      </div>
    </main>
  );
}
