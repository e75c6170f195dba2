// The /admin surface: staff sign-in (with two-factor), then a section per job: staff, invitations, schedule and more.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LanguageProvider } from '../i18n';
import { useAdminT } from '../i18n/admin';
import { useStaffT } from '../i18n/staff';
import { LoginForm } from '../volunteer/LoginForm';
import type { StaffSession } from '../ui/staffSession';
import { useStaffSession } from '../ui/useStaffSession';
import { adminApi } from './adminApi';
import { CannedPanel } from './CannedPanel';
import { CoveragePanel } from './CoveragePanel';
import { EnrollOnSignIn } from './EnrollOnSignIn';
import { InvitePanel } from './InvitePanel';
import { ResourcesPanel } from './ResourcesPanel';
import { SchedulePanel } from './SchedulePanel';
import { pathOf, sectionFromPath, sectionsFor, type Section } from './sections';
import { StaffPanel } from './StaffPanel';
import { TwoFactorPanel } from './TwoFactorPanel';
import '../volunteer/staff.css';
import './auth.css';
import './admin.css';

export default function AdminApp() {
  return (
    <LanguageProvider initial="en">
      <AdminSurface />
    </LanguageProvider>
  );
}

function AdminSurface() {
  const t = useAdminT();
  const staffT = useStaffT();
  const { session, checking, expired, signedIn, end } = useStaffSession();
  const [enrollmentToken, setEnrollmentToken] = useState<string>();

  useEffect(() => {
    document.title = t.pageTitle;
  }, [t]);

  if (checking) return null;
  if (!session && enrollmentToken) {
    return <EnrollOnSignIn enrollmentToken={enrollmentToken} onSignedIn={(s) => {
          setEnrollmentToken(undefined);
          signedIn(s);
        }} onCancel={() => setEnrollmentToken(undefined)} />;
  }
  if (!session) {
    return (
      <LoginForm notice={expired ? staffT.login.sessionEnded : undefined} onLogin={signedIn} onTwoFactorSetup={setEnrollmentToken} />
    );
  }
  return <AdminShell session={session} onLogout={end} />;
}

function AdminShell(props: { session: StaffSession; onLogout: (reason?: 'expired') => void }) {
  const t = useAdminT();
  const { session, onLogout } = props;
  const role = session.user.role;
  const [section, setSection] = useState<Section>(() => sectionFromPath(location.pathname, role));
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const api = useMemo(() => adminApi(session.token), [session.token]);

  useEffect(() => {
    const onPop = () => setSection(sectionFromPath(location.pathname, role));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [role]);

  const go = (next: Section) => {
    if (next !== section) history.pushState(null, '', pathOf(next));
    setSection(next);
    setAnnouncement('');
    // Move focus to the new section's heading so keyboard and screen-reader users land on it.
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const announce = useCallback((text: string) => {
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(text));
  }, []);

  const panelProps = { api, session, announce, headingRef };
  return (
    <div className="admin">
      <header className="admin__bar">
        <p className="brand">{t.product}</p>
        <nav aria-label={t.nav.label} className="admin__nav">
          <ul>
            {sectionsFor(role).map((s) => (
              <li key={s}>
                <a
                  href={pathOf(s)}
                  aria-current={s === section ? 'page' : undefined}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    go(s);
                  }}
                >
                  {t.nav[s]}
                </a>
              </li>
            ))}
            <li>
              <a href="/staff">{t.nav.console}</a>
            </li>
            {role !== 'volunteer' ? (
              <li>
                <a href="/moderator">{t.nav.moderator}</a>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="admin__account">
          <span className="console__user">{t.nav.signedInAs(session.user.displayName, t.roles[role])}</span>
          <button type="button" className="button button--ghost button--small" onClick={() => onLogout()}>
            {t.nav.logout}
          </button>
        </div>
      </header>
      <p className="admin__notice" role="status" aria-live="polite">
        {announcement}
      </p>
      <main className="admin__main">
        {section === 'staff' ? <StaffPanel {...panelProps} /> : null}
        {section === 'invites' ? <InvitePanel {...panelProps} /> : null}
        {section === 'schedule' ? <SchedulePanel {...panelProps} /> : null}
        {section === 'coverage' ? <CoveragePanel {...panelProps} /> : null}
        {section === 'canned' ? <CannedPanel {...panelProps} /> : null}
        {section === 'resources' ? <ResourcesPanel {...panelProps} /> : null}
        {section === 'security' ? <TwoFactorPanel {...panelProps} /> : null}
      </main>
    </div>
  );
}
