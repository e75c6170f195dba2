// A staff surface's sign-in state (volunteer console, moderator console, admin pages): silent resume, token rotation, sign-out.
import { useCallback, useEffect, useState } from 'react';
import { refresh, refreshDelayMs, signOut, type StaffSession } from './staffSession';

export interface StaffSessionState {
  session: StaffSession | undefined;
  /** True until the first silent refresh has answered (render nothing meanwhile). */
  checking: boolean;
  /** Set after the session lapsed on its own, for the sign-in form to explain why. */
  expired: boolean;
  signedIn: (session: StaffSession) => void;
  /** Signs out (revoking the session), or with 'expired' just forgets a session the server ended. */
  end: (reason?: 'expired') => void;
}

/** One hook for /staff, /moderator and /admin, so that every staff surface resumes and rotates tokens the same way. */
export function useStaffSession(): StaffSessionState {
  const [session, setSession] = useState<StaffSession>();
  const [checking, setChecking] = useState(true);
  const [expired, setExpired] = useState(false);

  // A reload signs back in silently while the refresh cookie is valid; without one the sign-in form shows.
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
      // Fire and forget: signOut never rejects, and the page forgets the session whatever the server answers.
      if (session && reason !== 'expired') void signOut(session.token);
      setSession(undefined);
      setExpired(reason === 'expired');
    },
    [session],
  );

  // Rotate the access token before it lapses, so a reconnect never meets an expired one.
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
