// React hooks for drawing attention: the count in title and favicon, the staff's sound choice, a ticking clock, page visibility.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { loadStaffPrefs, playTone, saveStaffPrefs, showCount, unlockSound, type StaffAttentionPrefs, type Tone } from './attention';

/** Keeps the title (and, for staff, the favicon) showing `count`; restores both when the surface goes. */
export function useTitleCount(baseTitle: string, count: number, withIcon = true): void {
  useEffect(() => showCount(baseTitle, count, withIcon), [baseTitle, count, withIcon]);
  useEffect(() => () => showCount(baseTitle, 0, withIcon), [baseTitle, withIcon]);
}

const subscribeVisibility = (listener: () => void) => {
  document.addEventListener('visibilitychange', listener);
  window.addEventListener('focus', listener);
  return () => {
    document.removeEventListener('visibilitychange', listener);
    window.removeEventListener('focus', listener);
  };
};

/** Whether the page is visible to the person now (re-renders when that changes). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState === 'visible');
}

/** Date.now(), refreshed every `ms` while mounted (for timers that count up). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export interface StaffAttention {
  prefs: StaffAttentionPrefs;
  setSound: (on: boolean) => void;
  /** Plays a tone if the person chose sound; at most one every 1.5 s, the most urgent of a burst. */
  tone: (tone: Tone) => void;
}

const RANK: Record<Tone, number> = { soft: 0, chime: 1, urgent: 2 };

/** The staff member's sound choice (on unless they turned it off), and sound unlocked at their first click or key. */
export function useStaffAttention(): StaffAttention {
  const [prefs, setPrefs] = useState(loadStaffPrefs);
  const last = useRef<{ at: number; tone: Tone } | undefined>(undefined);
  const soundOn = useRef(prefs.sound);
  soundOn.current = prefs.sound;

  useEffect(() => {
    const unlock = () => unlockSound();
    document.addEventListener('pointerdown', unlock, { once: true, capture: true });
    document.addEventListener('keydown', unlock, { once: true, capture: true });
    return () => {
      document.removeEventListener('pointerdown', unlock, { capture: true });
      document.removeEventListener('keydown', unlock, { capture: true });
    };
  }, []);

  const setSound = useCallback((on: boolean) => {
    const next = { sound: on };
    saveStaffPrefs(next);
    setPrefs(next);
    if (on) {
      unlockSound();
      playTone('chime');
    }
  }, []);

  const tone = useCallback((t: Tone) => {
    if (!soundOn.current) return;
    const now = Date.now();
    const prev = last.current;
    if (prev && now - prev.at < 1500 && RANK[prev.tone] >= RANK[t]) return;
    last.current = { at: now, tone: t };
    playTone(t);
  }, []);

  return { prefs, setSound, tone };
}
