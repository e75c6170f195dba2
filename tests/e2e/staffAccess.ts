// Staff access in real browsers: the console links the schedule and two-factor; a new moderator without a second factor is
// guided through it at /moderator; the audit log by names and in words; the dashboard's survey and "left unanswered".
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { adminEn as ta } from '../../client/src/i18n/admin.en.js';
import { boardEn as tb } from '../../client/src/i18n/board.en.js';
import { moderatorEn as tm } from '../../client/src/i18n/moderator.en.js';
import { recordAudit } from '../../server/src/domain/core/audit.js';
import { currentTotp } from '../../server/src/security/totp.js';
import { createJourneyChecker } from './axe.js';
import { forbidDialogs, type E2e } from './harness.js';
import { staffText as ts, volunteerSignIn } from './staff.js';

export async function staffAccess(e2e: E2e): Promise<void> {
  const { check, assertClean } = createJourneyChecker('staff-access');
  const dialogs: string[] = [];
  const sky = await e2e.addStaff({ role: 'volunteer', displayName: 'Sky' });

  // --- the volunteer console's account menu leads to the schedule and to two-factor ---
  const vol = await (await e2e.newContext()).newPage();
  forbidDialogs(vol, dialogs);
  await volunteerSignIn(vol, e2e, sky);
  await vol.getByText('Sky', { exact: true }).click();
  const menu = vol.getByRole('navigation', { name: ts.console.signedInAs('Sky') });
  expect(await menu.getByRole('link', { name: ts.signals.links.security }).getAttribute('href')).toBe('/admin/security');
  await check(vol, 'access-0-account-menu');
  await menu.getByRole('link', { name: ts.signals.links.schedule }).click();
  await vol.getByRole('heading', { name: ta.schedule.heading, level: 1 }).waitFor();

  // --- a new moderator who skipped the second factor signs in at /moderator and is walked through setting it up ---
  const rowan = await e2e.server.addStaff({ role: 'moderator', displayName: 'Ellis' });
  const mod = await (await e2e.newContext()).newPage();
  forbidDialogs(mod, dialogs);
  await mod.goto(`${e2e.url}/moderator`);
  await mod.getByLabel('E-mail').fill(rowan.email);
  await mod.getByLabel('Password').fill(rowan.password);
  await mod.getByRole('button', { name: 'Sign in' }).click();
  await mod.getByText(ta.accept.needs2fa).waitFor();
  await check(mod, 'access-1-moderator-enrol');
  await mod.getByRole('button', { name: ta.twoFactor.start }).click();
  const secret = await mod.getByLabel(ta.twoFactor.secretLabel).inputValue();
  await mod.getByLabel(ta.twoFactor.code).fill(currentTotp(secret, new Date()));
  await mod.getByRole('button', { name: ta.twoFactor.confirm }).click();
  await mod.getByRole('heading', { name: ta.twoFactor.recoveryHeading }).waitFor();
  await mod.getByRole('button', { name: ta.twoFactor.recoveryDone }).click();
  // The console opens on the live board.
  await mod.getByRole('heading', { level: 1, name: tb.heading }).waitFor();
  await mod.getByText(tm.status.online, { exact: true }).waitFor();
  e2e.supervisorConsoleOpened(mod, 'Ellis');

  // --- the audit log: filtered by a person's name, read in words ---
  await recordAudit(e2e.server.ctx.db, e2e.server.ctx.clock, {
    actorId: sky.id,
    actorRole: 'volunteer',
    action: 'message.held_back',
    targetType: 'conversation',
    targetId: randomUUID(),
    details: { reason: 'contact_details', kinds: 'phone' },
  });
  const a = tm.readable.audit;
  await mod.getByRole('button', { name: tm.nav.audit }).click();
  await mod.getByLabel(a.actor).selectOption({ label: 'Ellis · moderator' });
  await mod.getByRole('button', { name: tm.audit.apply }).click();
  const table = mod.getByRole('region', { name: tm.audit.heading });
  // Once the filter applies, every row is this person's (the page before it holds everyone's).
  const onlyBy = (name: string) =>
    expect
      .poll(async () => {
        const actors = await table.locator('tbody tr td:nth-child(2)').allTextContents();
        return actors.length > 0 && actors.every((x) => x.startsWith(name));
      })
      .toBe(true);
  await onlyBy('Ellis');
  await table.getByText(a.actions['auth.2fa_enabled']!).first().waitFor();
  expect(await table.textContent()).not.toMatch(/auth\.|2fa_|[0-9a-f]{8}-[0-9a-f]{4}-/);
  await mod.getByLabel(a.actor).selectOption({ label: 'Sky · volunteer' });
  await mod.getByLabel(tm.audit.action).selectOption({ label: a.actions['message.held_back']! });
  await mod.getByRole('button', { name: tm.audit.apply }).click();
  await onlyBy('Sky');
  await table.getByText(a.summary.heldBack('a phone number')).first().waitFor();
  expect(await table.textContent()).not.toMatch(/held_back|kinds|contact_details/);
  await check(mod, 'access-2-audit-readable');

  // --- the dashboard: the survey card and the survivors who left before anyone answered ---
  await mod.getByRole('button', { name: tm.nav.dashboard }).click();
  await mod.getByRole('heading', { name: tm.readable.dashboard.surveysTitle }).waitFor();
  await mod.getByRole('heading', { name: tm.readable.dashboard.leftTitle }).waitFor();
  await check(mod, 'access-3-dashboard');

  expect(dialogs).toEqual([]);
  assertClean();
}
