// The whole journey in three browsers: survivor intake, queue, chat both ways, ask for help, whisper, flag, review, quick exit.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { moderatorEn as tm } from '../../client/src/i18n/moderator.en.js';
import { randomLetters } from '../helpers/marker.js';
import { createA11yChecker } from './axe.js';
import { forbidDialogs, shoot, type E2e } from './harness.js';
import { survivorIntake, survivorSend, survivorText } from './survivor.js';
import {
  endShift,
  moderatorSignIn,
  setAccepting,
  staffText as ts,
  startShift,
  supervisorsReached,
  volunteerSend,
  volunteerSignIn,
} from './staff.js';

const t = survivorText.en;

/** Survivor, volunteer and moderator through intake, queue, chat, help, whisper, flag, review and quick exit. */
export async function supportFlow(e2e: E2e): Promise<void> {
  const a11y = createA11yChecker('support-flow');
  const check = async (page: Page, name: string): Promise<void> => {
    await shoot(page, name);
    await a11y.check(page, name);
  };
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Alex', languages: ['en'], capacity: 2 });
  const moderator = await e2e.addStaff({ role: 'moderator', displayName: 'Morgan' });

  // --- the volunteer signs in and starts a shift without taking chats yet ---
  const vol = await (await e2e.newContext()).newPage();
  await a11y.selfTest(vol);
  const volDialogs: string[] = [];
  forbidDialogs(vol, volDialogs);
  await vol.goto(`${e2e.url}/staff`);
  await vol.getByRole('heading', { name: ts.login.heading }).waitFor();
  await check(vol, 'staff-sign-in');
  await volunteerSignIn(vol, e2e, volunteer);
  await check(vol, 'volunteer-console-off-shift');
  await startShift(vol, false);
  await check(vol, 'volunteer-console-on-shift');

  // --- the moderator signs in with two-factor ---
  const mod = await (await e2e.newContext()).newPage();
  // The console opens on the live board.
  await moderatorSignIn(mod, e2e, moderator);
  await check(mod, 'moderator-live-empty');

  // --- the survivor arrives from another site, reads the safety note, answers the intake ---
  const survivorContext = await e2e.newContext();
  const surv = await survivorContext.newPage();
  const survDialogs: string[] = [];
  forbidDialogs(surv, survDialogs);
  await surv.goto(e2e.neutral.startUrl);
  await surv.goto(`${e2e.url}/`);
  await surv.getByRole('heading', { level: 1, name: t.safety.heading }).waitFor();
  expect(await surv.title()).toBe(t.pageTitle);
  await check(surv, 'survivor-1-safety');
  await survivorIntake(
    surv,
    t,
    { topic: 'workplace', language: 'en', want: 'to_be_heard', preference: 'none' },
    { onStep: async (n) => (n === 3 || n === 4 ? undefined : check(surv, `survivor-2-intake-q${n}`)) },
  );

  // --- the queue tells them honestly where they stand: the volunteer is not taking chats yet, so nobody can answer ---
  await surv.getByText(t.queue.noneOnShift).waitFor();
  await surv.getByText(t.queue.noShiftScheduled(1)).waitFor();
  await check(surv, 'survivor-3-queue');

  // --- the volunteer takes chats: they are matched ---
  await setAccepting(vol, true);
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Alex') }).waitFor();
  await surv.getByText(t.chat.joined('Alex')).waitFor();
  const pane = vol.getByRole('region', { name: ts.chat.logLabel(ts.topics.workplace) });
  await pane.waitFor();

  // --- chat in both directions, with the typing indicator ---
  const first = 'Hi. Something happened at work and I don’t know who to tell.';
  await survivorSend(surv, t, first);
  await vol.getByText(first).waitFor();
  await vol.getByLabel(ts.chat.composerLabel).fill('Thank you for');
  await surv.getByText(t.chat.typing('Alex')).waitFor();
  const reply = 'Thank you for telling me. I’m here, and we can go at your pace.';
  await volunteerSend(vol, reply);
  await surv.getByText(reply).waitFor();
  await expect.poll(() => surv.getByText(t.chat.typing('Alex')).count()).toBe(0);
  await check(surv, 'survivor-4-chat');
  await check(vol, 'volunteer-chat');

  // --- ask for help from the console's chat tools ---
  const tools = vol.getByRole('group', { name: ts.tools.toolbar.label });
  await tools.getByRole('button', { name: ts.tools.toolbar.help, exact: true }).click();
  // Morgan's console is open (the first journey's, so the only one): the volunteer is told she was asked, by name.
  expect(e2e.supervisorsOnline()).toEqual(['Morgan']);
  await vol.getByText(ts.tools.help.reach(supervisorsReached(e2e))).waitFor();
  await tools.getByRole('button', { name: ts.tools.toolbar.helpAsked }).waitFor();
  const alert = mod.getByRole('complementary', { name: tm.alerts.heading });
  await alert.getByRole('listitem').filter({ hasText: tm.alerts.danger('Alex') }).getByText(tm.alerts.kinds.help_request).waitFor();
  await check(mod, 'moderator-help-alert');
  await alert.getByRole('button', { name: tm.alerts.answer }).click();
  await mod.getByRole('heading', { level: 2, name: tm.supervision.observing(ts.topics.workplace, 'Alex') }).waitFor();
  await mod.getByText(first).waitFor();
  // The system line is a code: each side's page words it (the survivor reads theirs, the volunteer theirs).
  await surv.getByText(t.chat.systemLines.supervisor_joined()).waitFor();
  await vol.getByText(ts.chat.systemLines.supervisor_joined()).waitFor();
  await vol.getByText(/Morgan \(supervisor\) joined/).waitFor();

  // --- whispers both ways: the volunteer and the moderator see them, the survivor never does ---
  // Whispers and the flag's words carry an unguessable marker, looked for on the survivor's page.
  const secret = randomLetters();
  const whisper = `Whisper: gently ask whether they feel safe at work tomorrow. (${secret})`;
  await mod.getByLabel(tm.supervision.whisperLabel).fill(whisper);
  await mod.getByRole('button', { name: tm.supervision.whisperSend, exact: true }).click();
  await mod.getByRole('log', { name: tm.transcript.whispers }).getByText(whisper).waitFor();
  await vol.getByRole('log', { name: ts.tools.help.whispers }).getByText(whisper).waitFor();
  const whisperBack = `Whisper back: thanks, asking now. (${secret})`;
  await vol.getByLabel(ts.tools.help.whisperLabel).fill(whisperBack);
  await vol.getByRole('button', { name: ts.tools.help.whisperSend }).click();
  await mod.getByRole('log', { name: tm.transcript.whispers }).getByText(whisperBack).waitFor();
  const after = 'Is there anyone at work you trust?';
  await volunteerSend(vol, after);
  await surv.getByText(after).waitFor();
  const survivorSees = await surv.content();
  expect(survivorSees).not.toContain(secret);
  expect(survivorSees).not.toContain('gently ask whether');
  expect(survivorSees).not.toContain('Whisper back');
  await check(vol, 'volunteer-supervised-whispers');
  await check(mod, 'moderator-observing-whisper');
  await check(surv, 'survivor-5-supervised');

  // --- the volunteer flags the conversation (the survivor is never told) ---
  await tools.getByRole('button', { name: ts.tools.toolbar.flag }).click();
  const flagForm = vol.getByRole('form', { name: ts.tools.flag.heading });
  await flagForm.getByLabel(ts.tools.flag.reasons.boundary_problem!).check();
  const flagText = `Asked to meet outside the chat. (${secret})`;
  await flagForm.getByLabel(ts.tools.flag.text).fill(flagText);
  await check(vol, 'volunteer-flag-form');
  await flagForm.getByRole('button', { name: ts.tools.flag.submit, exact: true }).click();
  await vol.getByText(ts.tools.flag.done).waitFor();
  await alert.getByText(tm.alerts.flag(tm.reasons.boundary_problem)).waitFor();
  expect(await surv.content()).not.toContain(secret);
  expect(await surv.content()).not.toContain('Asked to meet outside');

  // --- review: open the transcript (audited), decide ---
  await mod.getByRole('navigation', { name: tm.nav.label }).getByRole('button', { name: new RegExp(`^${tm.nav.review}`) }).click();
  await mod.getByRole('heading', { level: 1, name: tm.review.heading }).waitFor();
  const card = mod.getByRole('listitem').filter({ has: mod.getByRole('heading', { name: tm.reasons.boundary_problem }) });
  await check(mod, 'moderator-review-queue');
  await card.getByRole('button', { name: tm.review.openTranscript }).click();
  await card.getByLabel(tm.open.purpose).selectOption('review_flag');
  await check(mod, 'moderator-review-open-reason');
  await card.getByRole('button', { name: tm.open.confirm, exact: true }).click();
  await mod.getByRole('heading', { name: tm.transcript.heading, exact: true }).waitFor();
  await mod.getByText(first).waitFor();
  await mod.getByText(flagText).waitFor();
  await check(mod, 'moderator-transcript');
  await mod.getByLabel(tm.decision.options.dismiss).check();
  await mod.getByLabel(tm.decision.note).fill('Volunteer handled it well; no action.');
  await mod.getByRole('button', { name: tm.decision.submit }).click();
  await mod.getByText(tm.decision.done(tm.outcomes.dismissed)).waitFor();
  await check(mod, 'moderator-decision-recorded');

  // --- the other moderator pages, for axe and the screenshots ---
  const nav = mod.getByRole('navigation', { name: tm.nav.label });
  await nav.getByRole('button', { name: tm.nav.audit }).click();
  await mod.getByRole('heading', { level: 1, name: tm.audit.heading }).waitFor();
  await mod.getByRole('cell', { name: tm.readable.audit.actions['flag.decided'] }).first().waitFor();
  await check(mod, 'moderator-audit-log');
  await nav.getByRole('button', { name: tm.nav.dashboard }).click();
  await mod.getByRole('heading', { level: 1, name: tm.dashboard.heading }).waitFor();
  await mod.getByRole('heading', { name: tm.dashboard.chatsTitle }).waitFor();
  await check(mod, 'moderator-dashboard');
  await nav.getByRole('button', { name: new RegExp(`^${tm.nav.live}`) }).click();

  // Mid-chat, before any exit clears anything: the survivor page has set no cookie and used no localStorage or
  // IndexedDB (sessionStorage, this tab only, is the most it may use), so there is nothing to leave behind.
  expect(await survivorContext.cookies(e2e.url)).toEqual([]);
  const during = await surv.evaluate<{ local: number; indexedDB: unknown[]; cookie: string }>(
    '(async () => ({ local: localStorage.length, indexedDB: (await indexedDB.databases()).map((d) => d.name), cookie: document.cookie }))()',
  );
  expect(during).toEqual({ local: 0, indexedDB: [], cookie: '' });

  // --- quick exit with the Escape key ---
  await surv.keyboard.press('Escape');
  await surv.waitForURL(e2e.neutral.exitUrl);
  await surv.getByRole('heading', { name: 'Weather' }).waitFor();
  await shoot(surv, 'survivor-6-after-quick-exit');

  // The volunteer sees that the visitor left; the moderator sees the chat ended.
  await vol.getByText(ts.chat.ended('visitor', 'visitor_left')).waitFor();
  await check(vol, 'volunteer-visitor-left');
  await mod.getByText(tm.supervision.ended).waitFor();

  // Back does not reveal the chat: quick exit replaced the page in the tab's history.
  await surv.goBack();
  expect(surv.url()).toBe(e2e.neutral.startUrl);
  const backText = await surv.locator('body').innerText();
  expect(backText).not.toContain(first);
  expect(backText).not.toContain(reply);

  // Nothing is left for the site: cookies, localStorage, sessionStorage (this tab), IndexedDB.
  expect(await survivorContext.cookies(e2e.url)).toEqual([]);
  const storageState = await survivorContext.storageState({ indexedDB: true });
  const leftovers = storageState.origins.filter((o) => o.origin === new URL(e2e.url).origin);
  expect(leftovers.flatMap((o) => [...o.localStorage, ...((o as { indexedDB?: unknown[] }).indexedDB ?? [])])).toEqual([]);
  await surv.goto(`${e2e.url}/healthz`); // same tab, the app's origin, a page that runs no app code
  const stored = await surv.evaluate<unknown>(
    '(async () => ({ local: localStorage.length, session: sessionStorage.length, indexedDB: (await indexedDB.databases()).map((d) => d.name), cookie: document.cookie }))()',
  );
  expect(stored).toEqual({ local: 0, session: 0, indexedDB: [], cookie: '' });

  // The volunteer ends their shift so later tests get their own volunteers.
  await endShift(vol);

  expect(survDialogs).toEqual([]);
  expect(volDialogs).toEqual([]);
  const findings = a11y.report();
  expect(findings, `axe found serious or critical violations:\n${findings}`).toBe('');
}
