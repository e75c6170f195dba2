// The volunteer console with two chats at once: tabs and unread counts, canned replies by keyboard, sharing a resource, the wrap-up.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { IntakeInput } from '@beside/shared';
import { randomLetters } from '../helpers/marker.js';
import { createJourneyChecker } from './axe.js';
import { DESKTOP, forbidDialogs, PHONE, type E2e } from './harness.js';
import { survivorIntake, survivorSend, survivorText } from './survivor.js';
import { endShift, staffText as ts, startShift, volunteerSignIn } from './staff.js';

const t = survivorText.en;
const tt = ts.tools;

/** A survivor in a context of their own, through the intake, until they are in a chat with the named volunteer. */
async function matchedSurvivor(e2e: E2e, intake: Required<Omit<IntakeInput, 'inDanger'>>, volunteerName: string): Promise<Page> {
  const page = await (await e2e.newContext()).newPage();
  await page.goto(`${e2e.url}/`);
  await survivorIntake(page, t, intake);
  await page.getByRole('heading', { level: 1, name: t.chat.header(volunteerName) }).waitFor();
  return page;
}

/** Sends from one chat pane's reply box (the other pane's box is in the page too, hidden). */
async function sendIn(pane: Locator, body: string): Promise<void> {
  const box = pane.getByLabel(ts.chat.composerLabel);
  await box.fill(body);
  await box.press('Enter');
}

/** The role the focused element has (the canned search is a combobox; the composer a plain textarea). */
async function focusedRole(page: Page): Promise<string> {
  return page.evaluate<string>('(() => { const el = document.activeElement; return el ? (el.getAttribute("role") || el.tagName.toLowerCase()) : ""; })()');
}

/** Capacity 2: two survivors, two tabs, an unread count on the hidden one; canned replies, a resource, the wrap-up. */
export async function volunteerConsole(e2e: E2e): Promise<void> {
  const { check, assertClean } = createJourneyChecker('volunteer-console');
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Casey', languages: ['en'], capacity: 2 });
  const vol = await (await e2e.newContext()).newPage();
  const dialogs: string[] = [];
  forbidDialogs(vol, dialogs);
  await volunteerSignIn(vol, e2e, volunteer);
  await startShift(vol, true);

  // --- two survivors are matched with the same volunteer, one after the other ---
  const survA = await matchedSurvivor(e2e, { topic: 'workplace', language: 'en', want: 'to_be_heard', preference: 'none' }, 'Casey');
  const survB = await matchedSurvivor(e2e, { topic: 'partner_family', language: 'en', want: 'information', preference: 'none' }, 'Casey');
  const tabs = vol.getByRole('navigation', { name: ts.console.chats });
  const tabA = tabs.getByRole('button', { name: ts.topics.workplace });
  const tabB = tabs.getByRole('button', { name: ts.topics.partner_family });
  await tabA.waitFor();
  await tabB.waitFor();
  await vol.getByText(ts.console.active(2, 2)).waitFor();
  const paneA = vol.getByRole('region', { name: ts.chat.logLabel(ts.topics.workplace) });
  const paneB = vol.getByRole('region', { name: ts.chat.logLabel(ts.topics.partner_family) });
  // A wide screen shows both side by side at first.
  await paneA.waitFor();
  await paneB.waitFor();
  await check(vol, 'console-two-chats-side-by-side');

  // --- one chat at a time: a message in the chat not in view shows as unread on its tab ---
  await vol.getByLabel(ts.console.sideBySide).uncheck();
  await tabA.click();
  await expect.poll(() => paneB.count()).toBe(0); // hidden, so not in the accessibility tree
  await survivorSend(survA, t, 'Thanks for being here.');
  await paneA.getByText('Thanks for being here.').waitFor();
  const fromB = 'Are you still there? I have a question about what I can do.';
  await survivorSend(survB, t, fromB);
  await tabB.getByText(ts.chat.unread(1)).waitFor();
  expect(await tabA.getByText(/unread/).count()).toBe(0);
  await check(vol, 'console-unread-in-other-tab');
  await survivorSend(survB, t, 'Sorry, take your time.');
  await tabB.getByText(ts.chat.unread(2)).waitFor();

  // Opening the tab shows the messages and clears the count.
  await tabB.click();
  await paneB.getByText(fromB).waitFor();
  await expect.poll(() => tabB.getByText(/unread/).count()).toBe(0);
  expect(await tabB.getAttribute('aria-current')).toBe('true');

  // --- canned replies: Ctrl+/ in the reply box, search, arrows, Enter inserts after what was typed ---
  const composer = paneB.getByLabel(ts.chat.composerLabel);
  await composer.click();
  await composer.pressSequentially('Yes, I’m here.');
  await composer.press('Control+/');
  const search = paneB.getByRole('combobox', { name: tt.canned.search });
  await search.waitFor();
  expect(await focusedRole(vol)).toBe('combobox');
  await vol.keyboard.type('feel');
  const results = paneB.getByRole('listbox', { name: tt.canned.results });
  const options = results.getByRole('option');
  // Two replies mention feelings (one in its title, one in its text): the debounced search has answered.
  await expect.poll(() => options.count()).toBe(2);
  await options.nth(0).and(vol.locator('[aria-selected="true"]')).waitFor();
  await check(vol, 'console-canned-search');
  await vol.keyboard.press('ArrowDown');
  await options.nth(1).and(vol.locator('[aria-selected="true"]')).waitFor();
  expect(await search.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
  const chosen = ((await options.nth(1).textContent()) ?? '').trim();
  await vol.keyboard.press('Enter');
  await expect.poll(() => search.count()).toBe(0);
  // Focus is back in the reply box with the reply after the draft, ready to edit or send.
  // (Both happen in an effect after the picker closes: poll.)
  await expect.poll(() => focusedRole(vol)).toBe('textarea');
  await expect.poll(() => composer.inputValue()).toMatch(/^Yes, I’m here\. \S/);
  const draft = await composer.inputValue();
  expect(chosen).toContain(draft.slice('Yes, I’m here. '.length));
  await vol.keyboard.press('Enter');
  await survB.getByText(draft).waitFor();

  // --- share a resource with one click: it arrives as a message with its name and numbers ---
  const tools = paneB.getByRole('group', { name: tt.toolbar.label });
  await tools.getByRole('button', { name: tt.toolbar.resource }).click();
  const picker = paneB.getByRole('group', { name: tt.resources.heading });
  const hotline = 'National Domestic Violence Hotline';
  await picker.getByRole('button', { name: tt.resources.share(hotline) }).click();
  await picker.getByText(tt.resources.shared(hotline)).waitFor();
  // The survivor gets it as a card whose labels their own page chooses: call, text (with the keyword), chat online.
  const survLog = survB.getByRole('log', { name: t.chat.logLabel });
  await survLog.getByText(hotline, { exact: true }).waitFor();
  const call = survLog.getByRole('link', { name: t.resources.call('800-799-7233') });
  expect(await call.getAttribute('href')).toBe('tel:8007997233');
  const text = survLog.getByRole('link', { name: t.resources.text('START', '88788') });
  expect(await text.getAttribute('href')).toBe('sms:88788?&body=START');
  const chat = survLog.getByRole('link', { name: t.resources.chat });
  expect(await chat.getAttribute('href')).toBe('https://www.thehotline.org/');
  expect(await chat.getAttribute('target')).toBe('_blank');
  expect(await chat.getAttribute('rel')).toBe('noopener noreferrer');
  // The volunteer's pane shows the same card in the console's words.
  await paneB.getByRole('link', { name: ts.chat.resource.call('800-799-7233') }).waitFor();
  await check(vol, 'console-resource-shared');
  await check(survB, 'console-survivor-resource-card');
  await survB.setViewportSize(PHONE);
  await check(survB, 'console-survivor-resource-card-phone');
  await survB.setViewportSize(DESKTOP);
  await picker.getByRole('button', { name: tt.canned.close }).click();
  await sendIn(paneB, 'They can also help you make a safety plan, if you want one.');
  await survB.getByText('make a safety plan').waitFor();

  // --- contact details typed by the volunteer are held back: the reason shows with the message, which never arrives ---
  const withNumber = 'Text me on 555 123 4567 later';
  await sendIn(paneB, withNumber);
  const heldBack = paneB.getByRole('listitem').filter({ hasText: withNumber });
  await heldBack.getByText(ts.chat.refusals.contact_details({ reason: 'contact_details', kinds: ['phone'] })).waitFor();
  await heldBack.getByText(ts.chat.failed, { exact: true }).waitFor();
  await heldBack.getByRole('button', { name: ts.chat.retry }).waitFor();
  await check(vol, 'console-held-back');
  expect(await survB.getByText(withNumber).count()).toBe(0);

  // --- ending the chat opens the wrap-up: topics, risk, a private note; the survivor is told only that it ended ---
  await paneB.getByRole('button', { name: ts.chat.end, exact: true }).click();
  await paneB.getByRole('button', { name: ts.chat.endYes, exact: true }).click();
  await survB.getByText(t.chat.endedByVolunteer('Casey')).waitFor();
  const wrapUp = paneB.getByRole('form', { name: tt.wrapUp.heading });
  const topics = wrapUp.getByRole('group', { name: tt.wrapUp.topics });
  // The chat's own topic is ticked already.
  expect(await topics.getByLabel(ts.topics.partner_family).isChecked()).toBe(true);
  await topics.getByLabel(ts.topics.sexual_assault).check();
  await wrapUp.getByRole('group', { name: tt.wrapUp.risk }).getByLabel(tt.wrapUp.risks.medium).check();
  const secret = randomLetters();
  const note = `Talked through a safety plan; they may come back tonight. (${secret})`;
  await wrapUp.getByLabel(tt.wrapUp.note).fill(note);
  await wrapUp.getByRole('group', { name: tt.wrapUp.noteFor }).getByLabel(tt.wrapUp.noteFors.next_volunteer).check();
  await check(vol, 'console-wrap-up-form');
  const saved = vol.waitForRequest((r) => r.url().endsWith('/wrap-up') && r.method() === 'POST');
  await wrapUp.getByRole('button', { name: tt.wrapUp.submit }).click();
  expect((await saved).postDataJSON()).toEqual({
    topics: ['partner_family', 'sexual_assault'],
    risk: 'medium',
    note,
    noteFor: 'next_volunteer',
  });
  await paneB.getByRole('status').filter({ hasText: tt.wrapUp.saved }).waitFor();
  await check(vol, 'console-wrap-up-saved');
  expect(await survB.content()).not.toContain(secret);
  expect(await survB.content()).not.toContain('safety plan; they may come back');

  // The other chat carried on meanwhile; its survivor ends it, and the shift ends.
  await tabA.click();
  await sendIn(paneA, 'I’m still here with you too.');
  await survA.getByText('I’m still here with you too.').waitFor();
  await survA.getByRole('button', { name: t.chat.end }).click();
  await survA.getByRole('button', { name: t.chat.endYes }).click();
  await paneA.getByText(ts.chat.ended('visitor', 'ended_by_visitor')).waitFor();
  await endShift(vol);

  expect(dialogs).toEqual([]);
  assertClean();
}
