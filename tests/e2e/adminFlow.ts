// The admin pages in real browsers: sign in with two-factor, invite, accept, training (course, date), suspension, schedule, coverage, a password reset link.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { adminEn as ta } from '../../client/src/i18n/admin.en.js';
import { onCallEn as wo } from '../../client/src/i18n/oncall.words.js';
import { createA11yChecker } from './axe.js';
import { forbidDialogs, PHONE, shoot, signInThroughUi, type E2e } from './harness.js';

/** An admin invites a volunteer who accepts in another browser; the admin records training and suspends them; shifts and coverage. */
export async function adminFlow(e2e: E2e): Promise<void> {
  const a11y = createA11yChecker('admin-flow');
  const check = async (page: Page, name: string): Promise<void> => {
    await shoot(page, name);
    await a11y.check(page, name);
  };
  const admin = await e2e.addStaff({ role: 'admin', displayName: 'Jordan' });
  const regular = await e2e.addStaff({ role: 'volunteer', displayName: 'Sam', languages: ['en', 'es'], trained: true });

  // --- the admin signs in (password, then the authenticator code) ---
  const adm = await (await e2e.newContext()).newPage();
  const dialogs: string[] = [];
  forbidDialogs(adm, dialogs);
  await adm.goto(`${e2e.url}/admin`);
  await signInThroughUi(adm, admin);
  await adm.getByRole('heading', { name: ta.staff.heading, level: 1, exact: true }).waitFor();
  await check(adm, 'admin-staff');

  // --- invite a volunteer: the one-time link is shown once, with its expiry ---
  await adm.getByRole('link', { name: ta.nav.invites }).click();
  await adm.getByLabel(ta.invites.email).fill('river@example.org');
  await adm.getByRole('button', { name: ta.invites.send }).click();
  const inviteUrl = await adm.getByLabel(ta.invites.linkLabel).inputValue();
  expect(inviteUrl).toMatch(/\/invite#[\w-]{16,}$/);
  await check(adm, 'admin-invite-link');

  // --- the invitee accepts on a phone: the server's password error is shown, then the account is made ---
  const inv = await (await e2e.newContext({ viewport: PHONE })).newPage();
  await inv.goto(`${e2e.url}/invite${inviteUrl.slice(inviteUrl.indexOf('#'))}`);
  await inv.getByLabel(ta.accept.displayName).waitFor();
  expect(new URL(inv.url()).hash).toBe('');
  await check(inv, 'invite-accept-form');
  await inv.getByLabel(ta.accept.displayName).fill('River');
  await inv.getByLabel(ta.accept.password, { exact: true }).fill('password1234');
  await inv.getByLabel(ta.accept.confirm).fill('password1234');
  await inv.getByLabel(ta.languages.es).check();
  await inv.getByRole('button', { name: ta.accept.submit }).click();
  await expect.poll(async () => (await inv.getByRole('alert').textContent()) ?? '').toContain('common');
  await check(inv, 'invite-accept-common-password');
  await inv.getByLabel(ta.accept.password, { exact: true }).fill('quiet lantern over the bridge');
  await inv.getByLabel(ta.accept.confirm).fill('quiet lantern over the bridge');
  await inv.getByRole('button', { name: ta.accept.submit }).click();
  await inv.getByText(ta.accept.created).first().waitFor();
  await check(inv, 'invite-accepted');

  // --- the admin sees them, records training, suspends with confirmation ---
  await adm.getByRole('link', { name: ta.nav.staff }).click();
  await adm.getByText('river@example.org').waitFor();
  // Training is recorded with the course and the day it was completed; the admin signed in is the recorder.
  await adm.getByRole('button', { name: `${ta.staff.recordTraining}: River` }).click();
  const training = adm.getByRole('dialog', { name: ta.access.training.heading('River') });
  await training.getByLabel(ta.access.training.course).fill('Core listening skills, cohort 7');
  expect(await training.getByLabel(ta.access.training.completedOn).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await check(adm, 'admin-training-dialog');
  await training.getByRole('button', { name: ta.access.training.record }).click();
  await adm.getByText(ta.staff.trainingRecorded('River')).waitFor();
  const riverRow = adm.getByRole('row').filter({ hasText: 'river@example.org' });
  await riverRow.getByText(/Core listening skills, cohort 7, .* · recorded by Jordan/).waitFor();
  await adm.getByRole('button', { name: `${ta.staff.suspend}: River` }).click();
  const confirm = adm.getByRole('dialog');
  await confirm.waitFor();
  await check(adm, 'admin-suspend-confirm');
  await confirm.getByRole('button', { name: ta.staff.suspend }).click();
  await adm.getByText(ta.staff.statusChanged('River', ta.statuses.suspended, 0)).waitFor();
  await check(adm, 'admin-staff-after-suspend');

  // --- publish a slot tomorrow evening; a volunteer signs up on /admin/schedule ---
  await adm.getByRole('link', { name: ta.nav.schedule }).click();
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
  await adm.getByLabel(ta.schedule.date).fill(day);
  await adm.getByRole('button', { name: ta.schedule.publish, exact: true }).click();
  await adm.getByText(ta.schedule.published(1)).waitFor();
  await adm.getByRole('button', { name: new RegExp(`^${ta.common.delete}`) }).first().waitFor();
  await check(adm, 'admin-schedule');
  // The same evening as supervisor on-call hours: a slot of the other kind, shown as such (tomorrow, so that no
  // journey's alert reaches an on-call supervisor today).
  await adm.getByLabel(wo.slotRoleLabel).selectOption('supervisor');
  await adm.getByRole('button', { name: ta.schedule.publish, exact: true }).click();
  await adm.getByText(wo.slotRoles.supervisor, { exact: true }).and(adm.locator('.slot__badge')).first().waitFor();
  await adm.setViewportSize({ width: 1366, height: 768 });
  await check(adm, 'admin-schedule-supervisor-slot-1366');

  const vol = await (await e2e.newContext({ viewport: PHONE })).newPage();
  await vol.goto(`${e2e.url}/admin/schedule`);
  await signInThroughUi(vol, regular);
  await vol.getByRole('heading', { name: ta.schedule.heading }).waitFor();
  if (tomorrow.getUTCDay() === 1) await vol.getByRole('button', { name: ta.schedule.nextWeek }).click();
  await vol.getByRole('button', { name: new RegExp(`^${ta.schedule.signUp}:`) }).first().click();
  await vol.getByRole('button', { name: new RegExp(`^${ta.schedule.withdraw}:`) }).first().waitFor();
  await check(vol, 'volunteer-schedule-phone');

  // --- coverage: the hours of that slot are covered now, the rest of the week is not ---
  await adm.getByRole('link', { name: ta.nav.coverage }).click();
  const english = adm.getByRole('article').filter({ hasText: ta.languages.en });
  await english.getByText(ta.coverage.uncovered(7 * 24 - 4)).waitFor();
  // Supervisors beside volunteers: nobody signed up to the supervisor slot, so no hour of the week is supervised.
  await adm.getByText(wo.supervisorsHeading, { exact: true }).waitFor();
  await adm.getByText(wo.supervisorsUncovered(7 * 24)).first().waitFor();
  await check(adm, 'admin-coverage');

  // --- Sam forgot their password: the admin issues a one-time reset link, Sam uses it on a phone ---
  await adm.getByRole('link', { name: ta.nav.staff }).click();
  await adm.getByRole('row').filter({ hasText: regular.email }).getByRole('button', { name: `${ta.access.reset.action}: Sam` }).click();
  const resetDialog = adm.getByRole('dialog', { name: ta.access.reset.heading('Sam') });
  const resetUrl = await resetDialog.getByLabel(ta.access.reset.linkLabel).inputValue();
  expect(resetUrl).toMatch(/\/reset#[\w-]{16,}$/);
  await check(adm, 'admin-reset-link');
  await resetDialog.getByRole('button', { name: ta.access.reset.done }).click();
  const reset = await (await e2e.newContext({ viewport: PHONE })).newPage();
  await reset.goto(`${e2e.url}/reset${resetUrl.slice(resetUrl.indexOf('#'))}`);
  await reset.getByText(ta.access.resetPage.intro('Sam', regular.email)).waitFor();
  expect(new URL(reset.url()).hash).toBe('');
  await reset.getByLabel(ta.access.resetPage.password, { exact: true }).fill('a brand new quiet password');
  await reset.getByLabel(ta.access.resetPage.confirm).fill('a brand new quiet password');
  await check(reset, 'reset-password-form-phone');
  await reset.getByRole('button', { name: ta.access.resetPage.submit }).click();
  await reset.getByText(ta.access.resetPage.done).waitFor();
  await check(reset, 'reset-password-done-phone');
  // The link is used up (a fresh load: from /reset the same address with a fragment would not reload), and the new
  // password signs in.
  await reset.goto('about:blank');
  await reset.goto(`${e2e.url}/reset${resetUrl.slice(resetUrl.indexOf('#'))}`);
  await reset.getByText(ta.access.resetPage.invalid).waitFor();
  await reset.goto(`${e2e.url}/staff`);
  await signInThroughUi(reset, { ...regular, password: 'a brand new quiet password' });
  await reset.getByRole('button', { name: /Start shift/ }).waitFor();

  expect(dialogs).toEqual([]);
  const findings = a11y.report();
  expect(findings, `axe found serious or critical violations:\n${findings}`).toBe('');
}
