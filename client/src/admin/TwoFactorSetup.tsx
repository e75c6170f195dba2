// Two-factor set-up steps: get a secret, show the otpauth URI as text, confirm a code, show the recovery codes once.
import { useState, type FormEvent } from 'react';
import type { TotpConfirmed, TotpSetup } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { errorText } from './adminApi';
import { CopyButton, CopyField } from './CopyField';

export function TwoFactorSetup(props: {
  start: () => Promise<TotpSetup>;
  confirm: (code: string) => Promise<TotpConfirmed>;
  onDone: (confirmed: TotpConfirmed) => void;
}) {
  const t = useAdminT();
  const [setup, setSetup] = useState<TotpSetup>();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<TotpConfirmed>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function begin() {
    setBusy(true);
    setError(undefined);
    try {
      setSetup(await props.start());
    } catch (e) {
      setError(errorText(e, t.common.generic));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setCodes(await props.confirm(code.trim()));
    } catch {
      setError(t.twoFactor.badCode);
    } finally {
      setBusy(false);
    }
  }

  if (codes) return <RecoveryCodesView codes={codes.recoveryCodes} onDone={() => props.onDone(codes)} />;
  return (
    <div className="stack">
      {error ? (
        <p className="card card--error" role="alert">
          {error}
        </p>
      ) : null}
      {!setup ? (
        <button type="button" className="button button--primary admin-self-start" disabled={busy} onClick={() => void begin()}>
          {busy ? t.twoFactor.starting : t.twoFactor.start}
        </button>
      ) : (
        <form className="stack" onSubmit={(e) => void confirm(e)}>
          <p>{t.twoFactor.step1}</p>
          <CopyField label={t.twoFactor.uriLabel} value={setup.otpauthUri} rows={4} />
          <CopyField label={t.twoFactor.secretLabel} value={setup.secret} rows={2} />
          <p>{t.twoFactor.step2}</p>
          <label className="field admin-code">
            <span className="field__label">{t.twoFactor.code}</span>
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </label>
          <button type="submit" className="button button--primary admin-self-start" disabled={busy}>
            {busy ? t.twoFactor.confirming : t.twoFactor.confirm}
          </button>
        </form>
      )}
    </div>
  );
}

export function RecoveryCodesView(props: { codes: string[]; onDone: () => void }) {
  const t = useAdminT();
  return (
    <div className="card card--notice stack" role="region" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading" className="card__title" tabIndex={-1}>
        {t.twoFactor.recoveryHeading}
      </h2>
      <p>{t.twoFactor.recoveryIntro}</p>
      <ol className="recovery-codes">
        {props.codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="admin-actions admin-actions--row">
        <CopyButton value={props.codes.join('\n')} label={t.twoFactor.copyCodes} />
        <button type="button" className="button button--primary" onClick={props.onDone}>
          {t.twoFactor.recoveryDone}
        </button>
      </div>
    </div>
  );
}
