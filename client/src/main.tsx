// Entry point: picks the surface by path (/ and /privacy survivor, /staff console, /moderator console, /admin, /setup, /invite, /reset) and mounts it.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/styles.css';
import { SurvivorApp } from './survivor/SurvivorApp';

// Staff surfaces load on demand so the survivor page stays small.
const StaffApp = lazy(() => import('./volunteer/StaffApp'));
const SetupPage = lazy(() => import('./setup/SetupPage'));
const AdminApp = lazy(() => import('./admin/AdminApp'));
const InviteAcceptPage = lazy(() => import('./admin/InviteAcceptPage'));
const ResetPasswordPage = lazy(() => import('./admin/ResetPasswordPage'));
const ModeratorApp = lazy(() => import('./moderator/ModeratorApp'));

function surfaceFor(pathname: string) {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/staff' || path.startsWith('/staff/')) return <StaffApp />;
  if (path === '/moderator' || path.startsWith('/moderator/')) return <ModeratorApp />;
  if (path === '/setup') return <SetupPage />;
  if (path === '/admin' || path.startsWith('/admin/')) return <AdminApp />;
  if (path === '/invite') return <InviteAcceptPage />;
  if (path === '/reset') return <ResetPasswordPage />;
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
