// The rest of the admin surface: editing a staff member, canned replies, the resources directory, and two-factor (on, and set up).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { currentTotp } from '../../server/src/security/totp.js';
import { adminEn as ta } from '../../client/src/i18n/admin.en.js';
import { createJourneyChecker } from './axe.js';
import { forbidDialogs, signInThroughUi, type E2e } from './harness.js';

/** Opens an admin section from the navigation and waits for its heading. */
async function openSection(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: ta.nav.label }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** An admin edits a volunteer's role and capacity, browses and adds canned replies and resources, and sees their two-factor page. */
export async function adminTools(e2e: E2e): Promise<void> {
  const { check, assertClean } = createJourneyChecker('admin-tools');
  const admin = await e2e.addStaff({ role: 'admin', displayName: 'Avery' });
  await e2e.addStaff({ role: 'volunteer', displayName: 'Quinn', capacity: 1 });

  const adm = await (await e2e.newContext()).newPage();
  const dialogs: string[] = [];
  forbidDialogs(adm, dialogs);
  await adm.goto(`${e2e.url}/admin`);
  await signInThroughUi(adm, admin);
  await adm.getByRole('heading', { level: 1, name: ta.staff.heading, exact: true }).waitFor();

  // --- staff: Quinn becomes a moderator taking two chats at once ---
  const row = adm.getByRole('row').filter({ has: adm.getByRole('rowheader', { name: /Quinn/ }) });
  await row.getByRole('cell', { name: ta.roles.volunteer, exact: true }).waitFor();
  await row.getByRole('button', { name: `${ta.common.edit}: Quinn` }).click();
  const editor = adm.getByRole('dialog', { name: ta.staff.editHeading('Quinn') });
  await editor.waitFor();
  await editor.getByLabel(ta.staff.capacity).selectOption('2');
  await editor.getByLabel(ta.staff.role).selectOption({ label: ta.roles.moderator });
  // A role change signs them out everywhere: the dialog says so before saving.
  await editor.getByText(ta.staff.confirmRoleChange).waitFor();
  await check(adm, 'admin-staff-edit');
  await editor.getByRole('button', { name: ta.common.save }).click();
  await adm.getByRole('status').filter({ hasText: ta.staff.updated('Quinn') }).waitFor();
  await expect.poll(() => editor.isVisible()).toBe(false);
  await row.getByRole('cell', { name: ta.roles.moderator, exact: true }).waitFor();
  await row.getByRole('cell', { name: '2', exact: true }).waitFor();
  await check(adm, 'admin-staff-after-edit');

  // --- canned replies: the seeded list, a search, a new reply ---
  await openSection(adm, ta.nav.canned, ta.canned.heading);
  const cannedList = adm.getByRole('list').filter({ has: adm.getByRole('button', { name: `${ta.common.edit}: You are not to blame` }) });
  await cannedList.waitFor();
  await check(adm, 'admin-canned');
  const filters = adm.getByRole('search');
  await filters.getByLabel(ta.canned.language).selectOption({ label: ta.languages.en });
  await filters.getByLabel(ta.canned.search).fill('blame');
  await adm.getByText(ta.canned.count(1), { exact: true }).waitFor();
  await filters.getByLabel(ta.canned.search).fill('');
  const form = adm.locator('form').filter({ has: adm.getByRole('heading', { name: ta.canned.newHeading }) });
  await form.getByLabel(ta.canned.title).fill('Checking in');
  await form.getByLabel(ta.canned.body).fill('I’m still here. Take whatever time you need before you answer.');
  await form.getByLabel(ta.canned.tags).fill('pace check-in');
  await form.getByLabel(ta.canned.shortcut).fill('checkin');
  await form.getByRole('button', { name: ta.canned.add }).click();
  await adm.getByRole('status').filter({ hasText: ta.canned.created }).waitFor();
  await adm.getByRole('button', { name: `${ta.common.edit}: Checking in` }).waitFor();
  await check(adm, 'admin-canned-added');

  // --- resources: the directory in both languages, and the form to add one ---
  await openSection(adm, ta.nav.resources, ta.resources.heading);
  await adm.getByRole('button', { name: `${ta.common.edit}: RAINN National Sexual Assault Hotline (en)` }).waitFor();
  await check(adm, 'admin-resources');
  await adm.getByRole('button', { name: ta.resources.add }).click();
  const resourceForm = adm.locator('form').filter({ has: adm.getByRole('heading', { name: ta.resources.newHeading }) });
  await resourceForm.getByLabel(ta.resources.slug).fill('local-centre');
  await resourceForm.getByLabel(ta.resources.name, { exact: true }).fill('Riverside Rape Crisis Centre');
  await resourceForm.getByLabel(ta.resources.phone).fill('555-0100');
  await check(adm, 'admin-resource-form');
  await resourceForm.getByRole('button', { name: ta.resources.add }).click();
  await adm.getByRole('status').filter({ hasText: ta.resources.created }).waitFor();
  await adm.getByRole('button', { name: `${ta.common.edit}: Riverside Rape Crisis Centre (en)` }).waitFor();

  // --- two-factor: on for the admin, who may replace the recovery codes ---
  await openSection(adm, ta.nav.security, ta.twoFactor.heading);
  await adm.getByText(ta.twoFactor.statusOn).waitFor();
  await adm.getByRole('button', { name: ta.twoFactor.regenerate }).waitFor();
  await check(adm, 'admin-security-on');

  // --- a volunteer without two-factor sets it up from the same page ---
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Rowan' });
  const vol = await (await e2e.newContext()).newPage();
  forbidDialogs(vol, dialogs);
  await vol.goto(`${e2e.url}/admin/security`);
  await signInThroughUi(vol, volunteer);
  await vol.getByRole('heading', { level: 1, name: ta.twoFactor.heading }).waitFor();
  await vol.getByText(ta.twoFactor.statusOff).waitFor();
  await check(vol, 'volunteer-security-off');
  await vol.getByRole('button', { name: ta.twoFactor.start }).click();
  const key = vol.getByLabel(ta.twoFactor.secretLabel);
  await key.waitFor();
  expect(await vol.getByLabel(ta.twoFactor.uriLabel).inputValue()).toMatch(/^otpauth:\/\/totp\//);
  await check(vol, 'volunteer-security-setup');
  await vol.getByLabel(ta.twoFactor.code).fill(currentTotp((await key.inputValue()).trim(), new Date()));
  await vol.getByRole('button', { name: ta.twoFactor.confirm }).click();
  const codes = vol.getByRole('region', { name: ta.twoFactor.recoveryHeading });
  await codes.waitFor();
  expect(await codes.getByRole('listitem').count()).toBeGreaterThanOrEqual(8);
  await check(vol, 'volunteer-security-recovery-codes');
  // Stored: the page reloads the account, now with two-factor on, and the codes are gone for good.
  await codes.getByRole('button', { name: ta.twoFactor.recoveryDone }).click();
  await vol.getByRole('button', { name: ta.twoFactor.regenerate }).waitFor();
  await vol.getByText(ta.twoFactor.statusOn, { exact: true }).first().waitFor();
  expect(await codes.count()).toBe(0);
  await check(vol, 'volunteer-security-on');

  expect(dialogs).toEqual([]);
  assertClean();
}
