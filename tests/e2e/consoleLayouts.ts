// The consoles call for attention and hold their layout: sound, notifications without content, counts in title and favicon, the
// survivor's opt-in signal, the greeting prompt and wait timers; every banner and tool open at 1280×720, 1366×768 and 390×844.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { moderatorEn as tm } from '../../client/src/i18n/moderator.en.js';
import { intake, newVisitor, ok } from '../helpers/clients.js';
import { marker } from '../helpers/privacy.js';
import { createJourneyChecker } from './axe.js';
import { forbidDialogs, PHONE, type E2e } from './harness.js';
import {
  expectInViewport,
  expectNewestVisible,
  expectNoPageScroll,
  favicon,
  installProbes,
  notifications,
  permissionAsks,
  setHidden,
  tonesPlayed,
} from './pageProbes.js';
import { survivorIntake, survivorSend, survivorText } from './survivor.js';
import { endShift, moderatorSignIn, setAccepting, staffText as ts, startShift, volunteerSignIn } from './staff.js';

const t = survivorText.en;
const LAPTOP = { width: 1280, height: 720 };
const WIDE = { width: 1366, height: 768 };
const SIZES = [LAPTOP, WIDE, PHONE];
const TOOLS = [ts.tools.toolbar.canned, ts.tools.toolbar.resource, ts.tools.toolbar.flag, ts.tools.toolbar.transfer];
const topic = ts.topics.workplace;

const sizeName = (s: { width: number; height: number }) => `${s.width}x${s.height}`;

/** The bar is one row on a laptop (two, by design, on a phone): never wrapped into three by a long refusal. */
async function expectBarRows(page: Page, where: string): Promise<void> {
  const box = await page.locator('.console__bar').boundingBox();
  const phone = page.viewportSize()!.width < 640;
  expect(box!.height, `${where}: the bar's height`).toBeLessThanOrEqual(phone ? 120 : 64);
}

export async function consoleLayouts(e2e: E2e): Promise<void> {
  const { check, assertClean } = createJourneyChecker('console-layouts');
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Harper', languages: ['en'], capacity: 2 });
  const moderator = await e2e.addStaff({ role: 'moderator', displayName: 'Marlowe' });
  const dialogs: string[] = [];

  const volContext = await e2e.newContext({ viewport: LAPTOP });
  await installProbes(volContext);
  const vol = await volContext.newPage();
  forbidDialogs(vol, dialogs);
  await volunteerSignIn(vol, e2e, volunteer);
  // --- desktop notifications are offered when the shift starts, never on load, and only asked for on a click ---
  const nudge = vol.getByRole('group', { name: ts.signals.nudge.text });
  expect(await nudge.count()).toBe(0);
  await startShift(vol, true);
  await nudge.waitFor();
  expect(await permissionAsks(vol)).toBe(0);
  await check(vol, 'layout-0-notification-nudge');
  await nudge.getByRole('button', { name: ts.signals.nudge.yes }).click();
  await expect.poll(() => permissionAsks(vol)).toBe(1);
  await nudge.waitFor({ state: 'detached' });
  // The Alerts menu: sound on unless turned off, notifications now on.
  await vol.getByText(ts.signals.settings.open, { exact: true }).click();
  const menu = vol.getByRole('group', { name: ts.signals.settings.heading });
  expect(await menu.getByLabel(ts.signals.settings.sound).isChecked()).toBe(true);
  await menu.getByText(ts.signals.settings.desktopOn).waitFor();
  await check(vol, 'layout-0-alerts-menu');
  await vol.keyboard.press('Escape');

  const modContext = await e2e.newContext({ viewport: LAPTOP });
  await installProbes(modContext);
  const mod = await modContext.newPage();
  forbidDialogs(mod, dialogs);
  await moderatorSignIn(mod, e2e, moderator);
  await setHidden(mod, true);

  // --- a survivor on a phone is matched while the volunteer's tab is in the background ---
  await setHidden(vol, true);
  const tonesBefore = await tonesPlayed(vol);
  const survContext = await e2e.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  await installProbes(survContext);
  const surv = await survContext.newPage();
  forbidDialogs(surv, dialogs);
  await surv.goto(`${e2e.url}/`);
  await survivorIntake(surv, t, { topic: 'workplace', language: 'en', want: 'to_be_heard', preference: 'none' });
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Harper') }).waitFor();
  await expect.poll(() => vol.title()).toBe(`(1) ${ts.pageTitle}`);
  expect(await favicon(vol)).toMatch(/^data:image\/svg\+xml,/);
  expect(await notifications(vol)).toContainEqual({ title: ts.signals.notify.newChat, body: ts.signals.notify.newChatBody(topic) });
  expect(await tonesPlayed(vol)).toBeGreaterThan(tonesBefore);
  await setHidden(vol, false);
  await expect.poll(() => vol.title()).toBe(ts.pageTitle);
  expect(await favicon(vol)).toBe('/favicon.svg');

  // --- the chat opens empty: the volunteer is asked to speak first, with a greeting to insert; the wait counts ---
  const pane = vol.getByRole('region', { name: ts.chat.logLabel(topic) });
  const greeting = pane.getByRole('note', { name: ts.signals.greeting.title });
  await greeting.waitFor();
  await pane.getByText(/^Chat opened .* ago: say hello$/).waitFor();
  await check(vol, 'layout-1-greeting-prompt');
  await greeting.getByRole('button', { name: ts.signals.greeting.insert }).click();
  const reply = pane.getByLabel(ts.chat.composerLabel);
  const greetingText = ts.signals.greeting.suggestion.replace('{name}', 'Harper');
  await expect.poll(() => reply.inputValue()).toBe(greetingText);
  await reply.press('Enter');
  await surv.getByText(greetingText).waitFor();
  await greeting.waitFor({ state: 'detached' });

  // --- the survivor's signal is theirs to turn on: without it, the title stays "Notes" in the background ---
  await setHidden(surv, true);
  const unasked = marker('unasked');
  await reply.fill(`Take all the time you need. ${unasked}`);
  await reply.press('Enter');
  await surv.getByText(unasked).waitFor();
  expect(await surv.title()).toBe(t.pageTitle);
  await setHidden(surv, false);
  await surv.getByText(t.signal.summary).click();
  await surv.getByLabel(t.signal.title).check();
  await surv.getByLabel(t.signal.sound).check();
  await check(surv, 'layout-survivor-signal-options-phone');
  await setHidden(surv, true);
  const survTones = await tonesPlayed(surv);
  const asked = marker('asked');
  await reply.fill(`I'm here. ${asked}`);
  await reply.press('Enter');
  await expect.poll(() => surv.title()).toBe(`${t.pageTitle} (1)`);
  expect(await tonesPlayed(surv)).toBeGreaterThan(survTones);
  expect(await surv.title()).not.toContain(asked);
  await setHidden(surv, false);
  await expect.poll(() => surv.title()).toBe(t.pageTitle);

  // --- a visitor's message while the volunteer looks elsewhere: counted, and notified without its words ---
  await setHidden(vol, true);
  const words = marker('words');
  await survivorSend(surv, t, `It happened again at work today ${words}`);
  await expect.poll(() => vol.title()).toBe(`(1) ${ts.pageTitle}`);
  const notes = await notifications(vol);
  expect(notes.at(-1)).toEqual({ title: ts.signals.notify.newMessage, body: ts.signals.notify.newMessageBody(topic) });
  expect(JSON.stringify(notes)).not.toContain(words);
  await setHidden(vol, false);
  await pane.getByText(/^Visitor waiting .* for a reply$/).waitFor();
  await check(vol, 'layout-2-wait-timer');

  // --- a second and a third chat (capacity 2) that end: ended tabs go after the open one and close together ---
  const others = [];
  for (const _ of [1, 2]) {
    const other = await newVisitor(e2e.url);
    await ok(other.socket, 'queue:join', intake({ topic: 'other' }));
    const tab = vol.getByRole('navigation', { name: ts.console.chats }).getByRole('button', { name: new RegExp(ts.topics.other) });
    await expect.poll(() => tab.count()).toBeGreaterThan(others.length);
    const session = await ok(other.socket, 'session:state', {});
    await ok(other.socket, 'conversation:end', { conversationId: session.conversations[0]!.id });
    others.push(other);
  }
  const tabs = vol.getByRole('navigation', { name: ts.console.chats });
  const closeEnded = tabs.getByRole('button', { name: ts.signals.tabs.closeEnded(2) });
  await closeEnded.waitFor();
  expect((await tabs.boundingBox())!.height).toBeLessThan(64);
  await check(vol, 'layout-3-ended-tabs');
  await closeEnded.click();
  await expect.poll(() => tabs.getByRole('button', { name: new RegExp(ts.topics.other) }).count()).toBe(0);
  for (const other of others) other.socket.close();

  // --- crisis words: the risk banner (pinned above the log), the loudest sound, the moderator's alert in the background ---
  const crisis = 'Since it happened I don’t want to be alive anymore.';
  const urgentBefore = await tonesPlayed(vol);
  await survivorSend(surv, t, crisis);
  const banner = pane.getByRole('alert', { name: ts.tools.risk.title });
  await banner.waitFor();
  await expect.poll(() => tonesPlayed(vol)).toBeGreaterThan(urgentBefore + 2);
  await expect.poll(() => mod.title()).toBe(`(1) ${tm.pageTitle}`);
  expect(await tonesPlayed(mod)).toBeGreaterThan(2);
  // Nobody allowed notifications on this page yet: none is shown, and the first alert is when it is offered.
  expect(await notifications(mod)).toEqual([]);
  await setHidden(mod, false);
  await expect.poll(() => mod.title()).toBe(tm.pageTitle);
  const modNudge = mod.getByRole('group', { name: ts.signals.nudge.moderatorText });
  await modNudge.waitFor();
  await check(mod, 'layout-4-moderator-alert-nudge');
  await modNudge.getByRole('button', { name: ts.signals.nudge.yes }).click();
  await expect.poll(() => permissionAsks(mod)).toBe(1);

  // Allowed now: the next alert (the volunteer asks for help) is a desktop notification that names the volunteer, never the chat.
  await setHidden(mod, true);
  await pane.getByRole('group', { name: ts.tools.toolbar.label }).getByRole('button', { name: ts.tools.toolbar.help, exact: true }).click();
  await pane.getByRole('group', { name: ts.tools.toolbar.label }).getByRole('button', { name: ts.tools.toolbar.helpAsked }).waitFor();
  await expect.poll(() => notifications(mod)).toContainEqual({ title: ts.signals.notify.help, body: ts.signals.notify.helpBody('Harper') });
  expect(JSON.stringify(await notifications(mod))).not.toContain('alive');
  await expect.poll(() => mod.title()).toBe(`(1) ${tm.pageTitle}`);
  await setHidden(mod, false);

  // The banner folds to its head and opens again; its crisis lines are links to call or text.
  await banner.getByRole('button', { name: ts.signals.risk.collapse }).click();
  await banner.getByRole('button', { name: ts.signals.risk.expand }).waitFor();
  expect(await banner.getByRole('listitem').first().isVisible()).toBe(false);
  await check(vol, 'layout-4-risk-banner-folded');
  await banner.getByRole('button', { name: ts.signals.risk.expand }).click();
  expect(await banner.getByRole('link', { name: ts.chat.resource.call('988') }).first().getAttribute('href')).toBe('tel:988');

  // --- the moderator observes from the alert and whispers; the volunteer's supervision panel opens ---
  const riskAlert = mod.getByRole('complementary', { name: tm.alerts.heading }).getByRole('listitem').filter({ hasText: tm.alerts.danger('Harper') });
  await riskAlert.getByRole('button', { name: tm.alerts.observe }).click();
  const observed = mod.getByRole('region', { name: tm.supervision.observing(topic, 'Harper') });
  await observed.getByText(crisis).waitFor();
  await observed.getByLabel(tm.supervision.whisperLabel).fill('Ask whether they are safe tonight.');
  await observed.getByRole('button', { name: tm.supervision.whisperSend }).click();
  await pane.getByText('Ask whether they are safe tonight.').waitFor();
  await pane.getByLabel(ts.tools.help.whisperLabel).fill('Asking now.');
  await pane.getByLabel(ts.tools.help.whisperLabel).press('Enter');
  await observed.getByText('Asking now.').waitFor();
  // A directory number in what is said is a link in the supervisor's transcript too.
  await survivorSend(surv, t, 'I tried calling 988 earlier but hung up.');
  const observedLink = observed.getByRole('log').getByRole('link', { name: '988' });
  await observedLink.waitFor();
  expect(await observedLink.getAttribute('href')).toBe('tel:988');

  // --- ending the shift with a chat open is refused, below the bar, not in it ---
  await vol.getByRole('button', { name: ts.console.endShift }).click();
  const refusal = vol.locator('.console-refusal');
  await refusal.waitFor();
  await expectBarRows(vol, 'refused');

  // --- at every size, with every tool open in turn: the bar, the banner's head, the tool, the reply box and the newest message fit ---
  const log = pane.locator('.messages');
  for (const size of SIZES) {
    await vol.setViewportSize(size);
    for (const tool of TOOLS) {
      const where = `volunteer ${sizeName(size)}, ${tool}`;
      const button = pane.getByRole('group', { name: ts.tools.toolbar.label }).getByRole('button', { name: tool });
      await button.click();
      const panel = pane.locator('.tool-panel').first();
      await panel.waitFor();
      await expectInViewport(vol, where, {
        'the top bar': vol.locator('.console__bar'),
        'the shift refusal': refusal,
        "the risk banner's head": banner.locator('.risk-banner__head'),
        'the open tool': panel.locator('.tool-panel__head, .tool-panel__title').first(),
        'the reply box': reply,
        'the Send button': pane.getByRole('button', { name: ts.chat.send, exact: true }),
        'the wait timer': pane.locator('.pane__header .wait'),
      });
      if (size !== PHONE) await expectInViewport(vol, where, { 'the whispers': pane.locator('.supervision') });
      await expectNewestVisible(vol, where, log, crisis);
      await expectNoPageScroll(vol, where);
      await expectBarRows(vol, where);
      await check(vol, `layout-5-volunteer-${sizeName(size)}-${tool.replace(/\W+/g, '-').toLowerCase()}`);
      await button.click();
      await panel.waitFor({ state: 'detached' });
    }
  }
  await vol.setViewportSize(LAPTOP);

  // --- the moderator console at laptop sizes while observing: the transcript's newest line, the whisper box, the actions ---
  for (const size of [LAPTOP, WIDE]) {
    await mod.setViewportSize(size);
    const where = `moderator ${sizeName(size)}`;
    await expectNewestVisible(mod, where, observed.locator('.messages'), crisis);
    await expectInViewport(mod, where, {
      'the alerts': mod.getByRole('heading', { name: tm.alerts.heading }),
      'the whisper box': observed.getByLabel(tm.supervision.whisperLabel),
      'take over': observed.getByRole('button', { name: tm.supervision.takeover }),
    });
    await check(mod, `layout-6-moderator-${sizeName(size)}`);
  }

  // --- the timer turns amber, then red, as the wait for a reply grows (the page's clock, moved on) ---
  const timer = pane.locator('.pane__header .wait');
  await vol.clock.setFixedTime(Date.now() + 90_000);
  await expect.poll(() => timer.getAttribute('class')).toContain('wait--warn');
  await vol.clock.setFixedTime(Date.now() + 240_000);
  await expect.poll(() => timer.getAttribute('class')).toContain('wait--late');
  await check(vol, 'layout-7-wait-late');

  // --- the survivor quick-exits: the volunteer is told it was a quick exit, and not to follow up ---
  await surv.keyboard.press('Escape');
  await surv.waitForURL(e2e.neutral.exitUrl);
  await pane.getByText(ts.chat.ended('visitor', 'visitor_left')).waitFor();
  expect(ts.chat.ended('visitor', 'visitor_left')).toContain('quick exit');
  await setAccepting(vol, false);
  await endShift(vol);

  expect(dialogs).toEqual([]);
  assertClean();
}
