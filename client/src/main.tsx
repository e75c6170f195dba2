// Entry point: picks the surface by path (/ survivor, /privacy, /staff console, /moderator console, /admin, /setup, /invite) and mounts it.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/styles.css';
import { SurvivorApp } from './survivor/SurvivorApp';

// Staff surfaces load on demand so the survivor page stays small.
const StaffApp = lazy(() => import('./volunteer/StaffApp'));
const SetupPage = lazy(() => import('./setup/SetupPage'));
const AdminApp = lazy(() => import('./admin/AdminApp'));
const InviteAcceptPage = lazy(() => import('./admin/InviteAcceptPage'));
const ModeratorApp = lazy(() => import('./moderator/ModeratorApp'));
const PrivacyPage = lazy(() => import('./survivor/PrivacyPage'));

function surfaceFor(pathname: string) {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/staff' || path.startsWith('/staff/')) return <StaffApp />;
  if (path === '/moderator' || path.startsWith('/moderator/')) return <ModeratorApp />;
  if (path === '/setup') return <SetupPage />;
  if (path === '/admin' || path.startsWith('/admin/')) return <AdminApp />;
  if (path === '/invite') return <InviteAcceptPage />;
  if (path === '/privacy') return <PrivacyPage />;
  return <SurvivorApp />;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Suspense fallback={null}>{surfaceFor(location.pathname)}</Suspense>
    </StrictMode>,
  );
}
