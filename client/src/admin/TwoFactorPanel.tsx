// Two-factor for the signed-in person: set it up, or replace the recovery codes once it is on.
import { useState, type FormEvent } from 'react';
import { useAdminT } from '../i18n/admin';
import { errorText } from './adminApi';
import type { PanelProps } from './panel';
import { RecoveryCodesView, TwoFactorSetup } from './TwoFactorSetup';
import { useLoad } from './useLoad';

export function TwoFactorPanel(props: PanelProps) {
  const t = useAdminT();
  const { api, announce } = props;
  const { data: me, reload } = useLoad(() => api.me(), [api]);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[]>();
  const [error, setError] = useState<string>();

  async function regenerate(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      setCodes((await api.newRecoveryCodes(code.trim())).recoveryCodes);
      setCode('');
    } catch (e) {
      setError(errorText(e, t.twoFactor.badCode));
    }
  }

  return (
    <section className="admin-section stack admin-narrow" aria-labelledby="security-heading">
      <h1 id="security-heading" tabIndex={-1} ref={props.headingRef}>
        {t.twoFactor.heading}
      </h1>
      <p className="hint">{t.twoFactor.intro}</p>
      {me ? <p className={`badge ${me.twoFactorEnabled ? 'badge--on' : ''} admin-self-start`}>{me.twoFactorEnabled ? t.twoFactor.statusOn : t.twoFactor.statusOff}</p> : null}
      {me && !me.twoFactorEnabled ? (
        <TwoFactorSetup
          start={() => api.totpSetup()}
          confirm={(c) => api.totpConfirm(c)}
          onDone={() => {
            announce(t.twoFactor.statusOn);
            void reload();
          }}
        />
      ) : null}
      {me?.twoFactorEnabled && codes ? (
        <RecoveryCodesView codes={codes} onDone={() => setCodes(undefined)} />
      ) : null}
      {me?.twoFactorEnabled && !codes ? (
        <form className="card stack" onSubmit={(e) => void regenerate(e)}>
          <h2 className="card__title">{t.twoFactor.regenerate}</h2>
          <p className="hint">{t.twoFactor.regenerateIntro}</p>
          {error ? (
            <p className="card card--error" role="alert">
              {error}
            </p>
          ) : null}
          <label className="field admin-code">
            <span className="field__label">{t.twoFactor.code}</span>
            <input inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          <button type="submit" className="button button--ghost admin-self-start">
            {t.twoFactor.regenerate}
          </button>
        </form>
      ) : null}
    </section>
  );
}
