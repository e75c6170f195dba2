// Quick exit: hide the page, forget this tab's session, tell the server, and go to a neutral site.
import type { ClientConfigResponse } from '@beside/shared';
import { getJson } from '../ui/api';

/** Where quick exit goes until the server's configured address (GET /api/client-config) has arrived. */
export const EXIT_URL = 'https://weather.com';
const EXIT_BEACON_PATH = '/api/visitor/exit';

let exitUrl = EXIT_URL;

/** Reads the configured quick-exit address; on any failure the built-in one stays. */
export async function loadExitUrl(): Promise<void> {
  try {
    const config = await getJson<ClientConfigResponse>('/api/client-config');
    if (/^https?:\/\//i.test(config.quickExitUrl)) exitUrl = config.quickExitUrl;
  } catch {
    // Keep the default.
  }
}

interface ExitTarget {
  token: string;
  close: () => void;
}

let target: ExitTarget | undefined;

/** The live session quick exit must end; set when a visitor token exists, cleared when it goes. */
export function setExitTarget(next: ExitTarget | undefined): void {
  target = next;
}

export function quickExit(): void {
  // Hide everything first: on a slow network the next site can take seconds to appear.
  document.documentElement.classList.add('is-exiting');
  try {
    sessionStorage.clear();
  } catch {
    // Storage may be blocked; there is then nothing to clear.
  }
  const current = target;
  target = undefined;
  try {
    current?.close();
  } catch {
    // Leaving matters more than a clean disconnect.
  }
  if (current && typeof navigator.sendBeacon === 'function') {
    navigator.sendBeacon(
      EXIT_BEACON_PATH,
      new Blob([JSON.stringify({ token: current.token })], { type: 'application/json' }),
    );
  }
  // replace(), not assign(): this page does not stay in the tab's history behind the neutral site.
  location.replace(exitUrl);
}
