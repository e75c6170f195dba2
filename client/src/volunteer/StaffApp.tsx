// The /staff surface: resume through the refresh cookie or sign in, keep the token fresh, then the console.
import { useEffect } from 'react';
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

  useEffect(() => {
    document.title = t.pageTitle;
  }, [t]);

  if (auth.checking) return null;
  if (!auth.session) {
    return <LoginForm notice={auth.expired ? t.login.sessionEnded : undefined} onLogin={auth.signedIn} />;
  }
  return <Console session={auth.session} onLogout={auth.end} />;
}
