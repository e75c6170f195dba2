// Drawing attention: a count in the tab's title and favicon, a short synthesised sound, and a desktop notification without content.

/** The page's own icon (client/public/favicon.svg), redrawn with a count on it. */
const ICON =
  '<rect x="6" y="3" width="20" height="26" rx="3" fill="#f4f1ea" stroke="#6b6459" stroke-width="2"/>' +
  '<path d="M11 11h10M11 16h10M11 21h6" stroke="#6b6459" stroke-width="2" stroke-linecap="round"/>';

function iconWithCount(count: number): string {
  const label = count > 9 ? '9+' : String(count);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${ICON}` +
    `<circle cx="23" cy="9" r="9" fill="#b42318"/>` +
    `<text x="23" y="13" text-anchor="middle" font-family="Arial,sans-serif" font-weight="700" font-size="${label.length > 1 ? 9 : 12}" fill="#fff">${label}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function iconLink(): HTMLLinkElement {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.append(link);
  }
  return link;
}

/** "(3) Beside — staff" and a favicon with 3 on it; the plain title and icon at 0. */
export function showCount(baseTitle: string, count: number, withIcon = true): void {
  document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
  if (!withIcon) return;
  const link = iconLink();
  link.type = 'image/svg+xml';
  link.href = count > 0 ? iconWithCount(count) : '/favicon.svg';
}

export type Tone = 'soft' | 'chime' | 'urgent';

let audio: AudioContext | undefined;

/**
 * Browsers let a page make sound only after the person interacted with it: call this from a click (turning sound
 * on does), and later sounds play even while the tab is in the background.
 */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = undefined;
  }
}

const TONES: Record<Tone, { notes: number[]; gain: number; length: number }> = {
  // A low, short two-note sound: nothing that makes a room turn round.
  soft: { notes: [523, 659], gain: 0.05, length: 0.18 },
  chime: { notes: [660, 880], gain: 0.12, length: 0.2 },
  // Three rising notes, louder: someone may be at risk.
  urgent: { notes: [660, 880, 1175], gain: 0.22, length: 0.18 },
};

/** Plays a short synthesised tone (no audio file to fetch); silently does nothing where sound is not allowed. */
export function playTone(tone: Tone): void {
  if (!audio) unlockSound();
  const ctx = audio;
  if (!ctx || ctx.state !== 'running') return;
  const { notes, gain, length } = TONES[tone];
  let at = ctx.currentTime + 0.02;
  for (const frequency of notes) {
    const osc = ctx.createOscillator();
    const env = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    env.gain.setValueAtTime(0, at);
    env.gain.linearRampToValueAtTime(gain, at + 0.02);
    env.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(env).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + length + 0.02);
    at += length * 0.9;
  }
}

export type NotificationState = 'unsupported' | NotificationPermission;

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

const permissionListeners = new Set<() => void>();

/** For useSyncExternalStore: every control showing the permission hears when any of them changed it. */
export function subscribeNotificationState(listener: () => void): () => void {
  permissionListeners.add(listener);
  return () => permissionListeners.delete(listener);
}

/** Asks for permission; only ever from a click on "Turn on desktop notifications". */
export async function askForNotifications(): Promise<NotificationState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  } finally {
    for (const listener of permissionListeners) listener();
  }
}

/**
 * A desktop notification while the tab is in the background, never with message text (it would stay in the
 * system's notification centre). A click brings the tab forward. `tag` replaces an earlier one about the same thing.
 */
export function notify(title: string, body: string, tag: string): void {
  if (notificationState() !== 'granted' || document.visibilityState === 'visible') return;
  try {
    const n = new Notification(title, { body, tag, silent: true });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker; the title and sound still work.
  }
}

const PREFS_KEY = 'beside.staff.attention';

export interface StaffAttentionPrefs {
  sound: boolean;
}

/**
 * Staff pages only (the survivor page never calls this): whether to play sounds, kept across sign-ins on this
 * browser. On until the person turns it off: a chat or an alert missed in a background tab costs more than a sound.
 */
export function loadStaffPrefs(): StaffAttentionPrefs {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}');
    return { sound: !(typeof parsed === 'object' && parsed !== null && (parsed as { sound?: unknown }).sound === false) };
  } catch {
    return { sound: true };
  }
}

export function saveStaffPrefs(prefs: StaffAttentionPrefs): void {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Without storage the choice lasts until the page is closed.
  }
}
