// The /moderator surface: resume through the refresh cookie or sign in with two-factor (set up on the spot if missing), keep the token fresh, then the console.
import { useEffect, useState } from 'react';
import { LANGUAGES } from '@beside/shared';
import { EnrollOnSignIn } from '../admin/EnrollOnSignIn';
import { LanguageProvider } from '../i18n';
import { useModT } from '../i18n/moderator';
import { DirectoryLinks, useDirectoryContacts } from '../ui/directoryLinks';
import { useStaffSession } from '../ui/useStaffSession';
import { LoginForm } from '../volunteer/LoginForm';
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
  const { session, checking, expired, signedIn, end } = useStaffSession();
  const [enrollmentToken, setEnrollmentToken] = useState<string>();

  useEffect(() => {
    document.title = t.pageTitle;
  }, [t]);

  if (checking) return null;
  if (!session && enrollmentToken) {
    // A new moderator who skipped the second factor is guided through it here, not sent elsewhere.
    return (
      <EnrollOnSignIn
        enrollmentToken={enrollmentToken}
        onSignedIn={(s) => {
          setEnrollmentToken(undefined);
          signedIn(s);
        }}
        onCancel={() => setEnrollmentToken(undefined)}
      />
    );
  }
  if (!session) return <LoginForm notice={expired ? t.errors.generic : undefined} onLogin={signedIn} onTwoFactorSetup={setEnrollmentToken} />;
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
  return <LinkedConsole session={session} onLogout={() => end()} />;
}

/** The console with the directory's numbers and sites tappable in every transcript it shows. */
function LinkedConsole(props: Parameters<typeof ModeratorConsole>[0]) {
  const contacts = useDirectoryContacts(LANGUAGES);
  return (
    <DirectoryLinks contacts={contacts}>
      <ModeratorConsole {...props} />
    </DirectoryLinks>
  );
}
