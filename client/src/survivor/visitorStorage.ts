// The only thing the survivor page keeps: this tab's token and language, in sessionStorage, under a neutral key.
import type { Language } from '@beside/shared';
import { isLanguage } from '../i18n';

const KEY = 'notes';

export interface StoredVisitor {
  token?: string;
  language?: Language;
}

export function loadVisitor(): StoredVisitor {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { token, language } = parsed as Record<string, unknown>;
    return {
      ...(typeof token === 'string' ? { token } : {}),
      ...(isLanguage(language) ? { language } : {}),
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
