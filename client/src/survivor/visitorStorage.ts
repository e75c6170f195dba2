// The only thing the survivor page keeps: this tab's token, language and signal choice, in sessionStorage, under a neutral key.
import type { Language } from '@beside/shared';
import { isLanguage } from '../i18n';

const KEY = 'notes';

/** The survivor's own opt-in to a discreet signal when someone answers (off unless they turn it on). */
export interface SignalChoice {
  /** "Notes (1)" in the tab's title. */
  title: boolean;
  /** A soft sound. */
  sound: boolean;
}

export interface StoredVisitor {
  token?: string;
  language?: Language;
  signal?: SignalChoice;
}

export function loadVisitor(): StoredVisitor {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { token, language, signal } = parsed as Record<string, unknown>;
    const choice = typeof signal === 'object' && signal !== null ? (signal as Record<string, unknown>) : undefined;
    return {
      ...(typeof token === 'string' ? { token } : {}),
      ...(isLanguage(language) ? { language } : {}),
      ...(choice ? { signal: { title: choice.title === true, sound: choice.sound === true } } : {}),
    };
  } catch {
    return {};
  }
}

export function saveVisitor(patch: StoredVisitor): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...loadVisitor(), ...patch }));
  } catch {
    // Without storage a reload starts over; nothing else breaks.
  }
}

export function forgetToken(): void {
  const { language } = loadVisitor();
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    return;
  }
  if (language) saveVisitor({ language });
}
