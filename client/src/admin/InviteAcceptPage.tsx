// /invite#<token>: check the invitation, set password and profile, then two-factor set-up when the role needs it.
import { useEffect, useState } from 'react';
import type { InvitePreview, SignInResponse, TotpConfirmed, TotpSetup } from '@beside/shared';
import { LanguageProvider } from '../i18n';
import { useAdminT } from '../i18n/admin';
import { RequestError } from '../ui/api';
import { request } from './adminApi';
import { formatDateTime } from './format';
import { InviteAcceptForm } from './InviteAcceptForm';
import { TwoFactorSetup } from './TwoFactorSetup';
import '../volunteer/staff.css';
import './auth.css';
import './admin.css';

export default function InviteAcceptPage() {
  return (
    <LanguageProvider initial="en">
      <InviteAccept />
    </LanguageProvider>
  );
}

function readToken(): string {
  return decodeURIComponent(location.hash.replace(/^#/, '')).trim();
}

type Stage =
  | { kind: 'checking' }
  | { kind: 'invalid' }
  | { kind: 'form'; preview: InvitePreview }
  | { kind: 'signing_in'; preview: InvitePreview }
  | { kind: 'two_factor'; preview: InvitePreview; enrollmentToken: string }
  | { kind: 'done'; preview: InvitePreview; signedIn: boolean };

function InviteAccept() {
  const t = useAdminT();
  const [token] = useState(readToken);
  const [stage, setStage] = useState<Stage>(token ? { kind: 'checking' } : { kind: 'invalid' });

  useEffect(() => {
    document.title = t.accept.pageTitle;
    // Keep the one-time token out of the address bar (and out of history) once it is read.
    if (location.hash) history.replaceState(null, '', location.pathname);
  }, [t]);

  useEffect(() => {
    if (!token) return;
    request<InvitePreview>('POST', '/api/invites/preview', undefined, { token }).then(
      (preview) => setStage({ kind: 'form', preview }),
      () => setStage({ kind: 'invalid' }),
    );
  }, [token]);

  /** Moderators and admins finish with two-factor: sign in with the new password to get the enrollment token. */
  async function accepted(preview: InvitePreview, password: string) {
    if (preview.role === 'volunteer') return setStage({ kind: 'done', preview, signedIn: false });
    setStage({ kind: 'signing_in', preview });
    try {
      const answer = await request<SignInResponse>('POST', '/api/auth/login', undefined, { email: preview.email, password });
      if (answer.status === 'two_factor_setup_required') setStage({ kind: 'two_factor', preview, enrollmentToken: answer.enrollmentToken });
      else setStage({ kind: 'done', preview, signedIn: answer.status === 'signed_in' });
    } catch (e) {
      if (!(e instanceof RequestError)) throw e;
      setStage({ kind: 'done', preview, signedIn: false });
    }
  }

  return (
    <main className="staff-auth">
      <div className="card stack auth-form accept">
        <p className="brand">{t.product}</p>
        <h1>{t.accept.heading}</h1>
        <div aria-live="polite" className="stack">
          {stage.kind === 'checking' ? <p className="hint">{t.accept.checking}</p> : null}
          {stage.kind === 'invalid' ? <p className="card card--error">{token ? t.accept.invalid : t.accept.noToken}</p> : null}
          {stage.kind === 'signing_in' ? <p className="hint">{t.accept.signingIn}</p> : null}
        </div>
        {stage.kind === 'form' ? (
          <>
            <p>{t.accept.intro(t.roles[stage.preview.role], stage.preview.email)}</p>
            <p className="hint">{t.accept.expires(formatDateTime(stage.preview.expiresAt))}</p>
            <InviteAcceptForm token={token} preview={stage.preview} onAccepted={(password) => void accepted(stage.preview, password)} />
          </>
        ) : null}
        {stage.kind === 'two_factor' ? (
          <>
            <p className="card card--notice" role="status">
              {t.accept.created} {t.accept.needs2fa}
            </p>
            <TwoFactorSetup
              start={() => request<TotpSetup>('POST', '/api/auth/2fa/setup', stage.enrollmentToken)}
              confirm={(code) => request<TotpConfirmed>('POST', '/api/auth/2fa/confirm', stage.enrollmentToken, { code })}
              onDone={(confirmed) => setStage({ kind: 'done', preview: stage.preview, signedIn: Boolean(confirmed.session) })}
            />
          </>
        ) : null}
        {stage.kind === 'done' ? (
          <div className="stack" role="status">
            <p className="card card--notice">{t.accept.created}</p>
            {stage.preview.role === 'volunteer' ? <p>{t.accept.nextTraining}</p> : null}
            <a className="button button--primary" href={stage.preview.role === 'volunteer' ? '/staff' : stage.preview.role === 'admin' ? '/admin' : '/moderator'}>
              {stage.preview.role === 'volunteer' ? t.accept.goToConsole : !stage.signedIn ? t.accept.goToSignIn : stage.preview.role === 'admin' ? t.accept.goToAdmin : t.accept.goToModerator}
            </a>
          </div>
        ) : null}
      </div>
    </main>
  );
}
