// When a shift starts, in words that cannot be misread: always with its day ("today", "tomorrow", a weekday, a date) and the device's local time.
import type { Messages } from '../i18n';

const DAY_MS = 24 * 3600_000;

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** "today at 6:00 PM", "tomorrow at 6:00 PM", "on Thursday at 6:00 PM", "on March 12 at 6:00 PM"; undefined for a bad date. */
export function describeWhen(iso: string, language: string, t: Messages['when'], now: Date = new Date()): string | undefined {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  const time = new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(at);
  const days = Math.round((startOfDay(at) - startOfDay(now)) / DAY_MS);
  if (days <= 0) return t.today(time);
  if (days === 1) return t.tomorrow(time);
  if (days < 7) return t.weekday(new Intl.DateTimeFormat(language, { weekday: 'long' }).format(at), time);
  return t.date(new Intl.DateTimeFormat(language, { weekday: 'long', month: 'long', day: 'numeric' }).format(at), time);
}
