// A moderator observes a high-risk chat from its alert and takes it over: the survivor talks with them, the volunteer reads along.
import { expect } from 'vitest';
import { RISK_STEP_CODES } from '@beside/shared';
import { moderatorEn as tm } from '../../client/src/i18n/moderator.en.js';
import { randomLetters } from '../helpers/marker.js';
import { createJourneyChecker } from './axe.js';
import { DESKTOP, forbidDialogs, PHONE, type E2e } from './harness.js';
import { expectInViewport, expectNewestVisible } from './pageProbes.js';
import { survivorIntake, survivorSend, survivorText } from './survivor.js';
import { endShift, moderatorSignIn, staffText as ts, startShift, supervisorsReached, volunteerSignIn } from './staff.js';

const t = survivorText.en;
const topic = ts.topics.sexual_assault;

/** Crisis words raise the risk; the moderator observes from the alert, takes over, writes to the survivor and ends the chat. */
export async function moderatorTakeover(e2e: E2e): Promise<void> {
  const { check, assertClean } = createJourneyChecker('moderator-takeover');
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Jamie', languages: ['en'] });
  const moderator = await e2e.addStaff({ role: 'moderator', displayName: 'Dana' });

  const vol = await (await e2e.newContext()).newPage();
  const dialogs: string[] = [];
  forbidDialogs(vol, dialogs);
  await volunteerSignIn(vol, e2e, volunteer);
  await startShift(vol, true);

  const mod = await (await e2e.newContext()).newPage();
  forbidDialogs(mod, dialogs);
  await moderatorSignIn(mod, e2e, moderator);

  const surv = await (await e2e.newContext()).newPage();
  forbidDialogs(surv, dialogs);
  await surv.goto(`${e2e.url}/`);
  await survivorIntake(surv, t, { topic: 'sexual_assault', language: 'en', want: 'to_be_heard', preference: 'none' });
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Jamie') }).waitFor();
  const pane = vol.getByRole('region', { name: ts.chat.logLabel(topic) });
  await pane.waitFor();

  // --- crisis words: the volunteer gets the risk banner, the moderators a high-risk alert ---
  const crisis = 'Since it happened I don’t want to be alive anymore.';
  await survivorSend(surv, t, crisis);
  const banner = pane.getByRole('alert', { name: ts.tools.risk.title });
  await banner.waitFor();
  // The protocol arrives as step codes and reads in the console's words, in order.
  const steps = banner.getByRole('list').first().getByRole('listitem');
  // The "supervisor alerted" step says who was reached: every supervisor whose console is open now, Dana's and any
  // earlier journey's (the server is shared), named.
  const reached = supervisorsReached(e2e);
  expect(reached).toMatchObject({ state: 'online', names: expect.arrayContaining(['Dana']) });
  await expect
    .poll(() => steps.allTextContents())
    .toEqual(RISK_STEP_CODES.map((code) => (code === 'supervisor_alerted' ? ts.tools.risk.reach(reached) : ts.tools.risk.steps[code])));
  await check(vol, 'takeover-1-volunteer-risk-banner');
  await vol.setViewportSize(PHONE);
  // On a phone, with the notifications nudge, the greeting prompt and the banner all shown, the reply box still fits.
  await expectInViewport(vol, 'volunteer phone, banner and prompts', {
    "the banner's head": banner.locator('.risk-banner__head'),
    'the reply box': pane.getByLabel(ts.chat.composerLabel),
    'the Send button': pane.getByRole('button', { name: ts.chat.send, exact: true }),
  });
  await expectNewestVisible(vol, 'volunteer phone, banner and prompts', pane.locator('.messages'), crisis);
  await check(vol, 'takeover-1-volunteer-risk-banner-phone');
  await vol.setViewportSize(DESKTOP);
  const alerts = mod.getByRole('complementary', { name: tm.alerts.heading });
  // One card for the chat, its signs listed (crisis words, with the kind).
  const riskAlert = alerts.getByRole('listitem').filter({ hasText: tm.alerts.danger('Jamie') });
  await riskAlert.getByText(tm.alerts.kinds.crisis, { exact: false }).first().waitFor();
  await riskAlert.waitFor();
  await check(mod, 'takeover-2-moderator-risk-alert');

  // --- the moderator observes from the alert: the transcript so far, and the survivor is told a supervisor is there ---
  await riskAlert.getByRole('button', { name: tm.alerts.observe }).click();
  const observed = mod.getByRole('region', { name: tm.supervision.observing(topic, 'Jamie') });
  await observed.waitFor();
  await observed.getByText(crisis).waitFor();
  await surv.getByText(t.chat.systemLines.supervisor_joined()).waitFor();
  await observed.getByText(tm.transcript.systemLines.supervisor_joined()).waitFor();
  await vol.getByText(/Dana \(supervisor\) joined/).waitFor();

  // --- take over, after a confirmation ---
  await observed.getByRole('button', { name: tm.supervision.takeover }).click();
  const confirm = observed.getByRole('group', { name: tm.supervision.takeover });
  await confirm.getByText(tm.supervision.takeoverConfirm).waitFor();
  await check(mod, 'takeover-3-moderator-confirm');
  await confirm.getByRole('button', { name: tm.supervision.confirmYes }).click();
  await observed.getByText(tm.supervision.takenOver).waitFor();
  const modComposer = observed.getByLabel(tm.supervision.sendLabel);
  await modComposer.waitFor();

  // The survivor is told who they are talking with now.
  await surv.getByText(t.chat.systemLines.supervisor_took_over({ name: 'Dana' })).waitFor();
  await pane.getByText(ts.chat.systemLines.supervisor_took_over({ name: 'Dana' })).waitFor();

  // The volunteer can read along but no longer write to the survivor, nor use the tools that write for them.
  await vol.getByText(/Dana \(supervisor\) took this chat over/).waitFor();
  const volComposer = pane.getByLabel(ts.chat.composerLabel);
  await expect.poll(() => volComposer.isDisabled()).toBe(true);
  expect(await volComposer.getAttribute('placeholder')).toBe(ts.tools.help.readOnly);
  const tools = pane.getByRole('group', { name: ts.tools.toolbar.label });
  for (const name of [ts.tools.toolbar.canned, ts.tools.toolbar.resource, ts.tools.toolbar.transfer]) {
    expect(await tools.getByRole('button', { name }).isDisabled(), name).toBe(true);
  }
  expect(await pane.getByRole('button', { name: ts.chat.send, exact: true }).isDisabled()).toBe(true);
  await check(vol, 'takeover-4-volunteer-read-only');

  // --- the moderator writes; the survivor sees it under the moderator's name, and answers ---
  const fromModerator = 'Hi, I’m Dana, a supervisor here. Are you somewhere safe right now?';
  await modComposer.fill(fromModerator);
  await modComposer.press('Enter');
  const survLog = surv.getByRole('log', { name: t.chat.logLabel });
  await survLog.getByRole('listitem').filter({ hasText: fromModerator }).getByText('Dana', { exact: true }).waitFor();
  await pane.getByText(fromModerator).waitFor();
  const answer = 'I’m at home. Nobody else is here.';
  await survivorSend(surv, t, answer);
  await observed.getByText(answer).waitFor();
  await pane.getByText(answer).waitFor();
  // The heading names who the survivor is talking with now.
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Dana') }).waitFor();
  await check(surv, 'takeover-5-survivor-with-supervisor');

  // The volunteer still whispers to the supervisor; the survivor never sees it.
  const secret = randomLetters();
  const whisper = `I’ll stay and read along. (${secret})`;
  await vol.getByLabel(ts.tools.help.whisperLabel).fill(whisper);
  await vol.getByRole('button', { name: ts.tools.help.whisperSend }).click();
  await observed.getByRole('log', { name: tm.transcript.whispers }).getByText(whisper).waitFor();
  await check(mod, 'takeover-6-moderator-writing');
  expect(await surv.content()).not.toContain(secret);
  expect(await surv.content()).not.toContain(whisper);

  // Contact details are held back for a supervisor too: the reason shows with the line, which never reaches the survivor.
  const withNumber = 'You can call me directly on 555 123 4567.';
  await modComposer.fill(withNumber);
  await modComposer.press('Enter');
  const heldBack = observed.getByRole('listitem').filter({ hasText: withNumber });
  await heldBack.getByText(tm.supervision.refusals.contact_details({ reason: 'contact_details', kinds: ['phone'] })).waitFor();
  await heldBack.getByText(tm.supervision.failed, { exact: true }).waitFor();
  await heldBack.getByRole('button', { name: tm.supervision.retry }).waitFor();
  await check(mod, 'takeover-6b-moderator-held-back');
  expect(await surv.getByText(withNumber).count()).toBe(0);

  // --- the moderator ends the chat; everyone is told, and the moderator stops observing ---
  await observed.getByRole('button', { name: tm.supervision.end }).click();
  await observed.getByRole('group', { name: tm.supervision.end }).getByRole('button', { name: tm.supervision.confirmYes }).click();
  await observed.getByText(tm.supervision.ended).waitFor();
  // The survivor is told who ended it: the supervisor they were talking with, by name; a report would be about her.
  await surv.getByText(t.chat.endedBySupervisor('Dana')).waitFor();
  await surv.getByRole('button', { name: t.report.openSupervisor('Dana') }).first().waitFor();
  await pane.getByText(ts.chat.ended('moderator', 'ended_by_moderator')).waitFor();
  // The alert that brought the moderator here closes with the chat: no card is left to act on.
  await expect.poll(() => riskAlert.count()).toBe(0);
  // The server ended the observation with the chat: closing the pane must not fail ("not observing").
  await observed.getByRole('button', { name: tm.supervision.leave }).click();
  await mod.getByText(tm.supervision.empty).waitFor();
  expect(await observed.count()).toBe(0);
  expect(await mod.getByRole('alert').count()).toBe(0);
  await check(mod, 'takeover-7-moderator-after-end');
  await endShift(vol);

  expect(dialogs).toEqual([]);
  assertClean();
}
