// The /staff surface: resume through the refresh cookie or sign in (setting up two-factor when the role needs it), keep the token fresh, then the console.
import { useEffect, useState } from 'react';
import { EnrollOnSignIn } from '../admin/EnrollOnSignIn';
import { LanguageProvider } from '../i18n';
import { useStaffT } from '../i18n/staff';
import { useStaffSession } from '../ui/useStaffSession';
import { Console } from './Console';
import { LoginForm } from './LoginForm';
import './staff.css';

export default function StaffApp() {
  return (
    <LanguageProvider initial="en">
      <StaffSurface />
    </LanguageProvider>
  );
}

function StaffSurface() {
  const t = useStaffT();
  const auth = useStaffSession();
  const [enrollmentToken, setEnrollmentToken] = useState<string>();

  useEffect(() => {
    document.title = t.pageTitle;
  }, [t]);

  if (auth.checking) return null;
  if (!auth.session && enrollmentToken) {
    // A moderator or admin without a second factor who signs in here is walked through setting it up.
    return (
      <EnrollOnSignIn
        enrollmentToken={enrollmentToken}
        onSignedIn={(s) => {
          setEnrollmentToken(undefined);
          auth.signedIn(s);
        }}
        onCancel={() => setEnrollmentToken(undefined)}
      />
    );
  }
  if (!auth.session) {
    return <LoginForm notice={auth.expired ? t.login.sessionEnded : undefined} onLogin={auth.signedIn} onTwoFactorSetup={setEnrollmentToken} />;
  }
  return <Console session={auth.session} onLogout={auth.end} />;
}
