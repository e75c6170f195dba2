// The staff session for the admin pages: resume from the refresh cookie, rotate the token, sign out.
import { useCallback, useEffect, useState } from 'react';
import { refresh, refreshDelayMs, signOut, type StaffSession } from '../volunteer/staffSession';

export function useAdminSession() {
  const [session, setSession] = useState<StaffSession>();
  const [checking, setChecking] = useState(true);
  const [expired, setExpired] = useState(false);

  // A reload signs back in silently while the refresh cookie is valid.
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
      setExpired(reason === 'expired');
    },
    [session],
  );

  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => {
      refresh().then(setSession, () => end('expired'));
    }, refreshDelayMs(session));
    return () => clearTimeout(timer);
  }, [session, end]);

  const signedIn = useCallback((s: StaffSession) => {
    setExpired(false);
    setSession(s);
  }, []);

  return { session, checking, expired, signedIn, end };
}
