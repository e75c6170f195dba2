// Drives the volunteer console by its visible words, and a side socket for steps the console does not offer yet.
import type { Page } from 'playwright-core';
import type { SupervisorReach } from '@beside/shared';
import { boardEn } from '../../client/src/i18n/board.en.js';
import { moderatorEn } from '../../client/src/i18n/moderator.en.js';
import { staffEn } from '../../client/src/i18n/staff.en.js';
import { connect, type ClientSocket } from '../helpers/clients.js';
import type { E2e, StaffLogin } from './harness.js';
import { eventually, signInThroughUi } from './harness.js';

export const staffText = staffEn;

export async function volunteerSignIn(page: Page, e2e: E2e, login: StaffLogin): Promise<void> {
  await page.goto(`${e2e.url}/staff`);
  await page.getByRole('heading', { name: staffEn.login.heading }).waitFor();
  await signInThroughUi(page, login);
  await page.getByRole('heading', { name: staffEn.console.noChats }).waitFor();
}

/** Starts the shift; with accepting false, the volunteer counts as on shift but is not matched yet. */
export async function startShift(page: Page, accepting: boolean): Promise<void> {
  await page.getByRole('button', { name: staffEn.console.startShift }).click();
  await page.getByText(staffEn.console.onShift, { exact: true }).waitFor();
  const toggle = page.getByLabel(staffEn.console.accepting);
  await toggle.waitFor();
  if ((await toggle.isChecked()) !== accepting) await setAccepting(page, accepting);
}

/** The switch follows the server's state (it changes once the server answered), so click and wait for it. */
export async function setAccepting(page: Page, accepting: boolean): Promise<void> {
  const toggle = page.getByLabel(staffEn.console.accepting);
  if ((await toggle.isChecked()) !== accepting) await toggle.click();
  await eventually(async () => (await toggle.isChecked()) === accepting, `"${staffEn.console.accepting}" to be ${accepting}`);
}

export async function endShift(page: Page): Promise<void> {
  await page.getByRole('button', { name: staffEn.console.endShift }).click();
  await page.getByText(staffEn.console.offShift, { exact: true }).waitFor();
}

export async function volunteerSend(page: Page, body: string): Promise<void> {
  const box = page.getByLabel(staffEn.chat.composerLabel);
  await box.fill(body);
  await box.press('Enter');
}

/** A second connection for the same volunteer (their console stays open), for API-driven steps. */
export async function volunteerSocket(e2e: E2e, login: StaffLogin): Promise<ClientSocket> {
  return connect(e2e.url, e2e.server.tokenFor({ id: login.id, role: login.role }));
}

/** Signs a moderator in at /moderator and waits until the console is connected: from then on, alerts reach them. */
export async function moderatorSignIn(page: Page, e2e: E2e, login: StaffLogin): Promise<void> {
  await page.goto(`${e2e.url}/moderator`);
  await signInThroughUi(page, login);
  // The console opens on the live board.
  await page.getByRole('heading', { level: 1, name: boardEn.heading }).waitFor();
  await page.getByText(moderatorEn.status.online, { exact: true }).waitFor();
  e2e.supervisorConsoleOpened(page, login.displayName);
}

/**
 * Who a sign of danger reaches at this point of the run, for the volunteer's words (risk banner, "Ask for help"):
 * the supervisors whose consoles are open (this journey's and earlier ones'), or nobody on call (the journeys
 * publish no supervisor slot that covers the present).
 */
export function supervisorsReached(e2e: E2e): SupervisorReach {
  const names = e2e.supervisorsOnline();
  return names.length > 0 ? { state: 'online', names } : { state: 'none' };
}
