// Two-factor set-up during sign-in (a moderator or admin without a second factor): ends with an open session.
import type { TotpConfirmed, TotpSetup } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import type { StaffSession } from '../ui/staffSession';
import { request } from './adminApi';
import { TwoFactorSetup } from './TwoFactorSetup';
import './auth.css';

export function EnrollOnSignIn(props: { enrollmentToken: string; onSignedIn: (session: StaffSession) => void; onCancel: () => void }) {
  const t = useAdminT();
  const { enrollmentToken } = props;
  return (
    <main className="staff-auth">
      <div className="card stack auth-form accept">
        <p className="brand">{t.product}</p>
        <h1>{t.twoFactor.heading}</h1>
        <p className="card card--notice">{t.accept.needs2fa}</p>
        <TwoFactorSetup
          start={() => request<TotpSetup>('POST', '/api/auth/2fa/setup', enrollmentToken)}
          confirm={(code) => request<TotpConfirmed>('POST', '/api/auth/2fa/confirm', enrollmentToken, { code })}
          onDone={(confirmed) => {
            const s = confirmed.session;
            if (s) props.onSignedIn({ token: s.accessToken, expiresIn: s.expiresIn, receivedAt: Date.now(), user: s.user });
            else props.onCancel();
          }}
        />
        <button type="button" className="link-button admin-self-start" onClick={props.onCancel}>
          {t.common.cancel}
        </button>
      </div>
    </main>
  );
}
