// The survivor page keeps its promises: who can answer before the first question, one queue message per state, emergency
// help first, quick exit with nothing of the service behind Back, a phone's composer, the contact note put away, tappable
// directory numbers, and why a conversation under review is kept.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PublishedSlots } from '@beside/shared';
import { ok } from '../helpers/clients.js';
import { http } from '../helpers/staffAuth.js';
import { createJourneyChecker } from './axe.js';
import { forbidDialogs, PHONE, type E2e } from './harness.js';
import { expectInViewport, expectNewestVisible, installProbes, setHidden } from './pageProbes.js';
import { survivorIntake, survivorSend, survivorText } from './survivor.js';
import { endShift, setAccepting, staffText as ts, startShift, volunteerSignIn, volunteerSocket } from './staff.js';

const t = survivorText.en;
const es = survivorText.es;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function survivorPromises(e2e: E2e): Promise<void> {
  const { check, assertClean } = createJourneyChecker('survivor-promises');
  const dialogs: string[] = [];
  const survivorPage = async (opts: Parameters<E2e['newContext']>[0] = {}): Promise<Page> => {
    const page = await (await e2e.newContext(opts)).newPage();
    forbidDialogs(page, dialogs);
    return page;
  };

  // A Spanish-speaking volunteer is scheduled for a shift tomorrow (a slot deleted again at the end).
  const admin = await e2e.server.addStaff({ role: 'admin' });
  const adminToken = e2e.server.tokenFor(admin);
  const noa = await e2e.addStaff({ role: 'volunteer', displayName: 'Noa', languages: ['es'] });
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 26 * 3_600_000);
  const published = await http<PublishedSlots>(e2e.server, 'POST', '/api/schedule/slots', {
    token: adminToken,
    body: { slots: [{ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString() }] },
  });
  const slot = published.body.slots[0]!;
  expect((await http(e2e.server, 'POST', `/api/schedule/slots/${slot.id}/signup`, { token: e2e.server.tokenFor(noa) })).status).toBe(200);

  // --- nobody on shift: the first screen says so, and when the next shift starts (with its day, local time), before any question ---
  const first = await survivorPage({ viewport: PHONE, locale: 'es-ES' });
  await first.goto(`${e2e.url}/`);
  await first.getByRole('heading', { level: 1, name: es.safety.heading }).waitFor();
  const offShift = first.getByText(new RegExp(`^${escape(es.availability.none)} El próximo turno empieza (hoy|mañana|el \\S+) a las .+ \\(tu hora\\)\\.$`));
  await offShift.waitFor();
  expect((await offShift.boundingBox())!.y).toBeLessThan((await first.getByRole('button', { name: es.safety.start }).boundingBox())!.y);
  await first.getByRole('link', { name: '911' }).first().waitFor();
  await check(first, 'promises-1-availability-none-es-phone');
  // In English, nobody who speaks it is scheduled: said plainly, not invented.
  await first.getByRole('group', { name: es.languageLabel }).getByRole('button', { name: 'English' }).click();
  await first.getByText(`${t.availability.none} ${t.availability.noneScheduled}`).waitFor();

  // --- a volunteer comes on shift: the first screen says someone can answer now ---
  const emery = await e2e.addStaff({ role: 'volunteer', displayName: 'Emery', languages: ['en'] });
  const vol = await (await e2e.newContext()).newPage();
  forbidDialogs(vol, dialogs);
  await volunteerSignIn(vol, e2e, emery);
  await startShift(vol, false);
  await setAccepting(vol, true);
  await first.reload();
  await first.getByText(t.availability.onShift).waitFor();
  await check(first, 'promises-2-availability-on-shift-phone');
  await setAccepting(vol, false);

  // --- quick exit leaves no entry of the service in the history, after the privacy page too ---
  const history = await survivorPage();
  await history.goto(e2e.neutral.startUrl);
  await history.goto(`${e2e.url}/`);
  await history.getByRole('link', { name: t.safety.privacyLink }).click();
  await history.getByRole('heading', { level: 1, name: t.privacy.title }).waitFor();
  expect(new URL(history.url()).pathname).toBe('/privacy');
  await history.getByRole('link', { name: t.privacy.back }).click();
  await history.getByRole('heading', { level: 1, name: t.safety.heading }).waitFor();
  await history.keyboard.press('Escape');
  await history.waitForURL(e2e.neutral.exitUrl);
  const behind: string[] = [];
  for (let i = 0; i < 5; i++) {
    const before = history.url();
    await history.goBack({ waitUntil: 'load' }).catch(() => null);
    if (history.url() === before) break;
    behind.push(history.url());
    expect(await history.title()).not.toMatch(/Notes|Beside/);
  }
  expect(behind[0]).toBe(e2e.neutral.startUrl);
  expect(behind.filter((u) => u.startsWith(e2e.url))).toEqual([]);

  // --- in the queue with nobody able to answer: one message that holds together, and leaving asks first ---
  const queued = await survivorPage();
  await queued.goto(`${e2e.url}/`);
  await survivorIntake(queued, t, { topic: 'workplace', language: 'en', want: 'to_be_heard', preference: 'none' });
  await queued.getByText(t.queue.noneOnShift).waitFor();
  await queued.getByText(t.queue.noShiftScheduled(1)).waitFor();
  expect(await queued.getByText(t.queue.position(1)).count()).toBe(0);
  await check(queued, 'promises-3-queue-nobody');
  await queued.getByRole('button', { name: t.queue.leave }).click();
  const confirmLeave = queued.getByRole('group', { name: t.queue.leaveConfirm });
  await confirmLeave.waitFor();
  await check(queued, 'promises-3-queue-leave-confirm');
  await confirmLeave.getByRole('button', { name: t.queue.leaveNo }).click();
  await queued.getByText(t.queue.noneOnShift).waitFor();
  await queued.getByRole('button', { name: t.queue.leave }).click();
  await queued.getByRole('group', { name: t.queue.leaveConfirm }).getByRole('button', { name: t.queue.leaveYes }).click();
  await queued.getByRole('heading', { level: 1, name: t.queue.left }).waitFor();

  // --- in danger: the ways to get help now come before anything about the wait ---
  const urgent = await survivorPage({ viewport: PHONE });
  await urgent.goto(`${e2e.url}/`);
  await survivorIntake(urgent, t, { topic: 'sexual_assault', language: 'en', want: 'to_be_heard', preference: 'none' }, { onEmergency: async () => undefined });
  const help = urgent.getByRole('region', { name: t.queue.urgentHeading });
  await help.waitFor();
  expect(await help.getByRole('link', { name: '911' }).getAttribute('href')).toBe('tel:911');
  expect((await help.boundingBox())!.y).toBeLessThan((await urgent.getByText(t.queue.noneOnShift).boundingBox())!.y);
  await check(urgent, 'promises-4-urgent-phone');
  await urgent.getByRole('button', { name: t.queue.leave }).click();
  await urgent.getByRole('group', { name: t.queue.leaveConfirm }).getByRole('button', { name: t.queue.leaveYes }).click();
  await urgent.getByRole('heading', { level: 1, name: t.queue.left }).waitFor();

  // --- waiting in another tab, having asked for the signal: matched, and the neutral title says "Notes (1)" ---
  const phoneContext = await e2e.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  await installProbes(phoneContext);
  const phone = await phoneContext.newPage();
  forbidDialogs(phone, dialogs);
  await phone.goto(`${e2e.url}/`);
  await survivorIntake(phone, t, { topic: 'workplace', language: 'en', want: 'to_be_heard', preference: 'none' });
  await phone.getByText(t.signal.summary).click();
  await phone.getByLabel(t.signal.title).check();
  await setHidden(phone, true);
  await setAccepting(vol, true);
  await expect.poll(() => phone.title()).toBe(`${t.pageTitle} (1)`);
  await setHidden(phone, false);
  await expect.poll(() => phone.title()).toBe(t.pageTitle);

  // --- a chat on a phone: the volunteer greets first; Enter adds a line and Send sends; a counter near the limit ---
  await phone.getByRole('heading', { level: 1, name: t.chat.header('Emery') }).waitFor();
  const pane = vol.getByRole('region', { name: ts.chat.logLabel(ts.topics.workplace) });
  await pane.getByRole('note', { name: ts.signals.greeting.title }).getByRole('button', { name: ts.signals.greeting.insert }).click();
  await pane.getByLabel(ts.chat.composerLabel).press('Enter');
  await phone.getByText(/Hi, I’m Emery/).waitFor();

  const box = phone.getByLabel(t.chat.composerLabel);
  await phone.getByText(t.chat.sendHintTouch).waitFor();
  expect(await phone.getByText(t.chat.sendHint).count()).toBe(0);
  await box.fill('It started last spring.');
  await box.press('Enter');
  await box.pressSequentially('I never told anyone.');
  expect(await box.inputValue()).toBe('It started last spring.\nI never told anyone.');
  await phone.getByRole('button', { name: t.chat.send, exact: true }).click();
  await pane.getByText(/It started last spring\.\s+I never told anyone\./).waitFor();
  await box.fill('a'.repeat(3600));
  await phone.getByText(t.chat.count(3600, 4000)).waitFor();
  await check(phone, 'promises-5-counter-phone');
  await box.fill('a'.repeat(4001));
  await phone.getByText(t.chat.tooLong(4000)).waitFor();
  expect(await phone.getByRole('button', { name: t.chat.send, exact: true }).isDisabled()).toBe(true);
  await box.fill('');

  // --- contact details: a short note the survivor can put away ---
  await survivorSend(phone, t, 'You can reach me at sam.rivers@example.org if it helps.');
  const note = phone.getByRole('note').filter({ hasText: t.safetyNotices.contact_details });
  await note.waitFor();
  expect((await note.boundingBox())!.height).toBeLessThan(PHONE.height / 3);
  await check(phone, 'promises-6-contact-note-phone');
  await note.getByRole('button', { name: t.chat.noticeDismiss }).click();
  await note.waitFor({ state: 'detached' });

  // --- the directory's numbers in a volunteer's message are links to call and to text ---
  const reply = pane.getByLabel(ts.chat.composerLabel);
  const numbers = 'You can call RAINN at 800-656-4673, or text HOME to 741741, any time.';
  await reply.fill(numbers);
  await reply.press('Enter');
  const log = phone.getByRole('log', { name: t.chat.logLabel });
  expect(await log.getByRole('link', { name: '800-656-4673' }).getAttribute('href')).toBe('tel:8006564673');
  expect(await log.getByRole('link', { name: '741741' }).getAttribute('href')).toBe('sms:741741?&body=HOME');
  await expectNewestVisible(phone, 'survivor phone', phone.locator('.messages'), numbers);
  await expectInViewport(phone, 'survivor phone', {
    'quick exit': phone.getByRole('button', { name: new RegExp(t.quickExit) }),
    'the reply box': box,
    'the Send button': phone.getByRole('button', { name: t.chat.send, exact: true }),
  });
  await check(phone, 'promises-7-chat-phone');

  // --- the volunteer flags the chat; the survivor ends it and asks to delete it: kept while reviewed, and told so ---
  const side = await volunteerSocket(e2e, emery);
  const state = await ok(side, 'session:state', {});
  await ok(side, 'flag:raise', { conversationId: state.conversations[0]!.id, reason: 'boundary_problem' });
  side.close();
  await phone.getByRole('button', { name: t.chat.end }).click();
  await phone.getByRole('button', { name: t.chat.endYes }).click();
  await phone.getByRole('button', { name: t.chat.deleteTranscript }).click();
  const kept = phone.getByText(t.chat.deleteUnderReview(72));
  await kept.waitFor();
  await expectInViewport(phone, 'delete under review', { 'the explanation': kept });
  expect(await phone.getByText(t.errors.generic).count()).toBe(0);
  await check(phone, 'promises-8-delete-under-review-phone');

  await setAccepting(vol, false);
  await endShift(vol);
  expect((await http(e2e.server, 'DELETE', `/api/schedule/slots/${slot.id}`, { token: adminToken })).status).toBe(204);
  expect(dialogs).toEqual([]);
  assertClean();
}
