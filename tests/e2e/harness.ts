// The e2e harness: a real Beside server in-process (fresh embedded database), a local "neutral site" for quick exit, and Chromium.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { enableTotpWithSecret } from '../../server/src/domain/staff/twoFactor.js';
import { currentTotp } from '../../server/src/security/totp.js';
import { startTestServer, type StaffSeed, type TestServer } from '../helpers/server.js';

export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export interface StaffLogin {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: string;
  totpSecret?: string;
}

export interface E2e {
  server: TestServer;
  /** The app as the browser sees it. */
  url: string;
  /** The neutral site quick exit goes to (QUICK_EXIT_URL), on another origin. */
  neutral: NeutralSite;
  browser: Browser;
  newContext(opts?: BrowserContextOptions): Promise<BrowserContext>;
  addStaff(seed?: Partial<StaffSeed>): Promise<StaffLogin>;
  /**
   * Records that this page is a supervisor's console, signed in and connected (`moderatorSignIn` does this), until
   * the page closes. The server is shared by every journey, so consoles opened by earlier journeys count too.
   */
  supervisorConsoleOpened(page: Page, name: string): void;
  /** The supervisors whose consoles are open now, in the server's order (by display name). */
  supervisorsOnline(): string[];
  stop(): Promise<void>;
}

export interface NeutralSite {
  origin: string;
  exitUrl: string;
  /** A page to visit before the app, so that Back after quick exit has somewhere to go. */
  startUrl: string;
  close(): Promise<void>;
}

/** A tiny site with no scripts: what a survivor lands on after quick exit (there is no internet here). */
export async function startNeutralSite(): Promise<NeutralSite> {
  const server = http.createServer((req, res) => {
    const title = req.url?.startsWith('/start') ? 'Search' : 'Weather';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
        `<body><main><h1>${title}</h1><p>${title === 'Weather' ? 'Mild today, light wind.' : 'Nothing to see.'}</p></main></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    exitUrl: `${origin}/weather`,
    startUrl: `${origin}/start`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export async function startE2e(env: Record<string, string> = {}): Promise<E2e> {
  const neutral = await startNeutralSite();
  const server = await startTestServer({ env: { QUICK_EXIT_URL: neutral.exitUrl, ...env } });
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const consoles = new Map<Page, string>();
  return {
    server,
    url: server.url,
    neutral,
    browser,
    newContext: async (opts = {}) => {
      // Reduced motion: steadier screenshots and axe runs, and it exercises the prefers-reduced-motion styles.
      const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce', locale: 'en-US', ...opts });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      return context;
    },
    addStaff: async (seed = {}) => {
      const row = await server.addStaff(seed);
      const login: StaffLogin = { id: row.id, email: row.email, password: row.password, displayName: row.displayName, role: row.role };
      if (row.role !== 'volunteer') {
        login.totpSecret = (await enableTotpWithSecret(server.ctx.db, server.ctx.clock, server.ctx.cipher, row.id)).secret;
      }
      return login;
    },
    supervisorConsoleOpened: (page, name) => {
      consoles.set(page, name);
      page.once('close', () => consoles.delete(page));
    },
    // Display names sort the same in the server's collation and by code point for the plain names the journeys use.
    supervisorsOnline: () => [...new Set(consoles.values())].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    stop: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.stop();
      await neutral.close();
    },
  };
}

/** Signs a staff member in through the real form (password, then the authenticator code when asked). */
export async function signInThroughUi(page: Page, login: StaffLogin): Promise<void> {
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (login.totpSecret) {
    const code = page.getByLabel('Code from your authenticator app');
    await code.waitFor();
    await code.fill(currentTotp(login.totpSecret, new Date()));
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
}

/** Saves a full-page screenshot under tests/e2e/screenshots/ (kept on every run, gitignored). */
export async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true, animations: 'disabled' });
}

/** Fails the test if the page opens any dialog (alert, confirm, prompt): a message's script must never run. */
export function forbidDialogs(page: Page, seen: string[]): void {
  page.on('dialog', (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
}

/** Polls until the predicate holds (for things the page does not show, e.g. storage). */
export async function eventually(predicate: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
