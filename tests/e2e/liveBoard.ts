// The supervisors' live board in a real browser: the console opens on it; a live chat shows its volunteer and that
// the survivor awaits a reply, an urgent survivor waiting shows as urgent and imminent, with no words of the chat;
// sorting by a column; Observe on a chat no sign escalated asks why, then opens the chat; the board then names the
// supervisor. Screenshots at 1366×768 and 1280×720.
import { expect } from 'vitest';
import { boardEn as tb } from '../../client/src/i18n/board.en.js';
import { moderatorEn as tm } from '../../client/src/i18n/moderator.en.js';
import { randomLetters } from '../helpers/marker.js';
import { createJourneyChecker } from './axe.js';
import { forbidDialogs, type E2e } from './harness.js';
import { survivorIntake, survivorSend, survivorText } from './survivor.js';
import { endShift, moderatorSignIn, staffText as ts, startShift, volunteerSignIn } from './staff.js';

const t = survivorText.en;
const LAPTOP = { width: 1366, height: 768 };
const SMALL_LAPTOP = { width: 1280, height: 720 };

export async function liveBoard(e2e: E2e): Promise<void> {
  const { check, assertClean } = createJourneyChecker('live-board');
  const dialogs: string[] = [];
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Linden', languages: ['en'] });
  const supervisor = await e2e.addStaff({ role: 'moderator', displayName: 'Tamsin' });

  const mod = await (await e2e.newContext({ viewport: LAPTOP })).newPage();
  forbidDialogs(mod, dialogs);
  // The console opens on the board (moderatorSignIn waits for it), and Tamsin counts as online from now on.
  await moderatorSignIn(mod, e2e, supervisor);

  const vol = await (await e2e.newContext()).newPage();
  forbidDialogs(vol, dialogs);
  await volunteerSignIn(vol, e2e, volunteer);
  await startShift(vol, true);

  // A survivor is matched with Linden and writes; Linden has not answered yet.
  const surv = await (await e2e.newContext()).newPage();
  forbidDialogs(surv, dialogs);
  await surv.goto(`${e2e.url}/`);
  await survivorIntake(surv, t, { topic: 'childhood', language: 'en', want: 'to_be_heard', preference: 'none' });
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Linden') }).waitFor();
  const words = `It started when I was small ${randomLetters()}`;
  await survivorSend(surv, t, words);

  const chats = mod.locator('section[aria-labelledby="board-chats"]');
  // Linden's row for this survivor (once the takeover frees her slot, the urgent survivor may be matched with her too).
  const lindenRow = chats.getByRole('row').filter({ hasText: 'Linden' }).filter({ hasText: ts.topics.childhood });
  await lindenRow.waitFor();
  await lindenRow.getByText(tb.awaitingReply).waitFor();
  await expect.poll(() => lindenRow.getByRole('cell').nth(2).textContent()).toContain(ts.topics.childhood);
  expect(await lindenRow.getByText(tb.supervision.none, { exact: true }).count()).toBe(1);

  // An urgent survivor waits: Linden is at capacity, so nobody is free.
  const urgent = await (await e2e.newContext()).newPage();
  forbidDialogs(urgent, dialogs);
  await urgent.goto(`${e2e.url}/`);
  await survivorIntake(urgent, t, { topic: 'sexual_assault', language: 'en', want: 'to_be_heard', preference: 'none' }, { onEmergency: async () => {} });
  const waiting = mod.locator('section[aria-labelledby="board-waiting"]');
  const urgentRow = waiting.getByRole('row').filter({ hasText: ts.topics.sexual_assault }).filter({ hasText: tb.urgent });
  await urgentRow.waitFor();
  await urgentRow.getByText(tb.imminent, { exact: true }).waitFor();
  await urgentRow.getByText(tm.alerts.kinds.intake_danger, { exact: false }).waitFor();
  // No words of the chat anywhere on the board.
  expect(await mod.getByText(words).count()).toBe(0);
  await check(mod, 'board-1-1366x768');
  await mod.setViewportSize(SMALL_LAPTOP);
  await check(mod, 'board-2-1280x720');
  // The tables fit the window: no sideways scrolling of the page.
  expect(await mod.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

  // Sorting: by volunteer, the header says so.
  const volunteerHeader = chats.getByRole('columnheader', { name: tb.chatColumns.volunteer });
  await volunteerHeader.getByRole('button').click();
  await expect.poll(() => volunteerHeader.getAttribute('aria-sort')).toBe('descending');
  await volunteerHeader.getByRole('button').click();
  await expect.poll(() => volunteerHeader.getAttribute('aria-sort')).toBe('ascending');

  // Observe Linden's chat: no sign escalated it, so the board asks why first.
  await mod.setViewportSize(LAPTOP);
  await lindenRow.getByRole('button', { name: `${tb.observe}: ${tb.chatRow('Linden', ts.topics.childhood)}` }).click();
  const why = lindenRow.getByRole('group', { name: tb.observeWhy });
  await why.waitFor();
  await check(mod, 'board-3-observe-why');
  await why.getByLabel(tb.reasons.awaiting_reply).check();
  await why.getByRole('button', { name: tb.observeConfirm }).click();
  // The chat opens in the observing section with its transcript; the survivor is told a supervisor supports Linden.
  await mod.getByRole('heading', { level: 1, name: tm.supervision.heading }).waitFor();
  await mod.getByText(words).waitFor();
  await surv.getByText(t.chat.systemLines.supervisor_joined()).waitFor();

  // Back on the board, the chat is observed by Tamsin.
  await mod.getByRole('navigation', { name: tm.nav.label }).getByRole('button', { name: tb.nav }).click();
  await lindenRow.getByText(tb.supervisedBy(tb.supervision.observed, 'Tamsin')).waitFor();
  await lindenRow.getByRole('button', { name: tb.open }).waitFor();
  await check(mod, 'board-4-observed');

  // Take the chat over, then hand it back to Linden with a note: the picker offers Linden first.
  await lindenRow.getByRole('button', { name: tb.open }).click();
  const observed = mod.getByRole('region', { name: tm.supervision.observing(ts.topics.childhood, 'Linden') });
  await observed.getByRole('button', { name: tm.supervision.takeover }).click();
  await observed.getByRole('group', { name: tm.supervision.takeover }).getByRole('button', { name: tm.supervision.confirmYes }).click();
  await observed.getByText(tm.supervision.takenOver).waitFor();
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Tamsin') }).waitFor();
  await observed.getByRole('button', { name: tm.supervision.handBack('Linden') }).click();
  const handBack = observed.getByRole('group', { name: tm.supervision.handBackHeading });
  await handBack.getByRole('radio', { name: tm.supervision.handBackOwn('Linden') }).waitFor();
  expect(await handBack.getByRole('radio', { name: tm.supervision.handBackOwn('Linden') }).isChecked()).toBe(true);
  // The volunteers free now are listed under her once they are known.
  await handBack.getByText(tm.supervision.handBackLoading).waitFor({ state: 'detached' });
  const note = 'They want to talk about school next; go gently.';
  await handBack.getByLabel(tm.supervision.handBackNote('Linden')).fill(note);
  await check(mod, 'board-5-hand-back');
  await handBack.getByRole('button', { name: tm.supervision.handBack('Linden') }).click();
  // Linden has the note and the chat again; the survivor is told Linden is back, by name.
  await vol.getByText(note).waitFor();
  await surv.getByText(t.chat.systemLines.supervisor_handed_back({ name: 'Linden' })).waitFor();
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Linden') }).waitFor();
  await mod.getByRole('navigation', { name: tm.nav.label }).getByRole('button', { name: tb.nav }).click();
  await lindenRow.getByText(tb.supervision.none, { exact: true }).waitFor();

  // Leave: the urgent survivor by quick exit, the first survivor ends the chat.
  await urgent.keyboard.press('Escape');
  await urgent.waitForURL(e2e.neutral.exitUrl);
  await surv.getByRole('button', { name: t.chat.end }).click();
  await surv.getByRole('button', { name: t.chat.endYes }).click();
  await expect.poll(() => lindenRow.count(), { timeout: 10_000 }).toBe(0);
  await endShift(vol);

  expect(dialogs).toEqual([]);
  assertClean();
}
