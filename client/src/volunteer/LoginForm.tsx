// Staff sign-in: e-mail and password, then a second factor when the account has one; errors say what to do.
import { useId, useState, type FormEvent } from 'react';
import { useStaffT } from '../i18n/staff';
import { RequestError } from '../ui/api';
import { signIn, type StaffSession } from '../ui/staffSession';

type Step = 'password' | 'second_factor';

export function LoginForm(props: {
  onLogin: (session: StaffSession) => void;
  notice?: string;
  /** Where the surface offers two-factor set-up (admin pages): called with the enrollment token instead of an error. */
  onTwoFactorSetup?: (enrollmentToken: string) => void;
}) {
  const t = useStaffT();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const secondFactor = step === 'second_factor' ? (useRecovery ? { recoveryCode: code } : { totp: code }) : {};
      const result = await signIn({ email, password, ...secondFactor });
      setBusy(false);
      if (result.kind === 'signed_in') props.onLogin(result.session);
      else if (result.kind === 'two_factor_required') setStep('second_factor');
      else if (props.onTwoFactorSetup) props.onTwoFactorSetup(result.enrollmentToken);
      else setError(t.login.setupRequired);
    } catch (e) {
      setBusy(false);
      if (!(e instanceof RequestError)) setError(t.errors.generic);
      else if (e.status === 0) setError(t.login.unreachable);
      else if (e.status === 429) setError(t.login.rateLimited);
      else if (e.status === 401) setError(step === 'second_factor' ? t.login.badCode : t.login.invalid);
      else setError(e.apiError.message);
    }
  }

  const invalid = error ? true : undefined;
  return (
    <main className="staff-auth">
      <form className="card stack auth-form" onSubmit={(e) => void submit(e)} aria-describedby={error ? errorId : undefined}>
        <p className="brand">{t.product}</p>
        <h1>{t.login.heading}</h1>
        {props.notice && !error ? <p className="card card--notice">{props.notice}</p> : null}
        {error ? (
          <p id={errorId} className="card card--error" role="alert">
            {error}
          </p>
        ) : null}
        {step === 'password' ? (
          <>
            <label className="field">
              <span className="field__label">{t.login.email}</span>
              <input
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={invalid}
              />
            </label>
            <label className="field">
              <span className="field__label">{t.login.password}</span>
              <input
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={invalid}
              />
            </label>
          </>
        ) : (
          <>
            <label className="field">
              <span className="field__label">{useRecovery ? t.login.recoveryCode : t.login.totp}</span>
              <input
                name="code"
                autoComplete="one-time-code"
                inputMode={useRecovery ? 'text' : 'numeric'}
                required
                autoFocus
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={invalid}
              />
            </label>
            <button type="button" className="link-button" onClick={() => {
                setUseRecovery(!useRecovery);
                setCode('');
              }}>
              {useRecovery ? t.login.useTotp : t.login.useRecovery}
            </button>
          </>
        )}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {busy ? t.login.submitting : t.login.submit}
        </button>
        {step === 'password' ? <p className="hint">{t.login.forgot}</p> : null}
      </form>
    </main>
  );
}
