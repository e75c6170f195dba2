// The /moderator surface: resume through the refresh cookie or sign in with two-factor, keep the token fresh, then the console.
import { useCallback, useEffect, useState } from 'react';
import { LanguageProvider } from '../i18n';
import { useModT } from '../i18n/moderator';
import { LoginForm } from '../volunteer/LoginForm';
import { refresh, refreshDelayMs, signOut, type StaffSession } from '../volunteer/staffSession';
import { ModeratorConsole } from './ModeratorConsole';
import '../volunteer/staff.css';
import './moderator.css';
import './review.css';
import './supervision.css';
import './dashboard.css';

export default function ModeratorApp() {
  return (
    <LanguageProvider initial="en">
      <ModeratorSurface />
    </LanguageProvider>
  );
}

function ModeratorSurface() {
  const t = useModT();
  const [session, setSession] = useState<StaffSession>();
  const [checking, setChecking] = useState(true);
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    document.title = t.pageTitle;
  }, [t]);

  useEffect(() => {
    let cancelled = false;
    refresh()
      .then((s) => !cancelled && setSession(s))
      .catch(() => undefined)
      .finally(() => !cancelled && setChecking(false));
    return () => {
      cancelled = true;
    };
  }, []);

  const end = useCallback(
    (reason?: 'expired') => {
      if (session && reason !== 'expired') void signOut(session.token);
      setSession(undefined);
      setNotice(reason === 'expired' ? t.errors.generic : undefined);
    },
    [session, t],
  );

  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => {
      refresh().then(setSession, () => end('expired'));
    }, refreshDelayMs(session));
    return () => clearTimeout(timer);
  }, [session, end]);

  if (checking) return null;
  if (!session) {
    return (
      <LoginForm
        notice={notice}
        onLogin={(s) => {
          setNotice(undefined);
          setSession(s);
        }}
      />
    );
  }
  if (session.user.role === 'volunteer') {
    return (
      <main className="staff-auth">
        <div className="card stack auth-form">
          <h1>{t.heading}</h1>
          <p>{t.notModerator}</p>
          <a href="/staff">{t.goToStaff}</a>
          <button type="button" className="button button--ghost" onClick={() => end()}>
            {t.logout}
          </button>
        </div>
      </main>
    );
  }
  return <ModeratorConsole session={session} onLogout={() => end()} />;
}
