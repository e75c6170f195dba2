// A survivor in immediate danger: emergency numbers at once, an urgent place in the queue, then the survey and resources after the chat.
import { and, eq } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { auditLog } from '../../server/src/db/schema.js';
import { createJourneyChecker } from './axe.js';
import { forbidDialogs, type E2e } from './harness.js';
import { survivorIntake, survivorSend, survivorText } from './survivor.js';
import { endShift, setAccepting, staffText as ts, startShift, volunteerSend, volunteerSignIn } from './staff.js';

const t = survivorText.en;

/** The href of a link in the given part of the page (the emergency numbers must dial, not just show). */
async function hrefOf(scope: Locator, name: string): Promise<string | null> {
  return scope.getByRole('link', { name, exact: true }).getAttribute('href');
}

/** "Yes" to the danger question: 911 and 988 at once, the queue marked urgent, matched first; after the chat, the survey and resources. */
export async function survivorInDanger(e2e: E2e): Promise<void> {
  const { check, assertClean } = createJourneyChecker('survivor-safety');
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Riley', languages: ['en'] });

  // On shift but not taking chats yet, so that the survivor waits and the queue can be seen.
  const vol = await (await e2e.newContext()).newPage();
  await volunteerSignIn(vol, e2e, volunteer);
  await startShift(vol, false);

  const surv = await (await e2e.newContext()).newPage();
  const dialogs: string[] = [];
  forbidDialogs(surv, dialogs);
  await surv.goto(`${e2e.url}/`);
  await surv.getByRole('heading', { level: 1, name: t.safety.heading }).waitFor();
  await survivorIntake(
    surv,
    t,
    { topic: 'sexual_assault', language: 'en', want: 'information', preference: 'none' },
    {
      onEmergency: async () => {
        // Shown on the click itself (nothing is fetched), announced as an alert, with links that dial.
        const card = surv.getByRole('alert').filter({ has: surv.getByRole('heading', { name: t.intake.emergencyHeading }) });
        await card.waitFor();
        expect(await hrefOf(card, '911')).toBe('tel:911');
        expect(await hrefOf(card, '988')).toBe('tel:988');
        await card.getByText(t.intake.emergencyKeepGoing).waitFor();
        // The danger answer does not end the intake: they can still go on to a volunteer.
        await card.getByRole('button', { name: t.continue }).waitFor();
        await check(surv, 'danger-1-emergency-numbers');
      },
      // Questions 1, 2 and 5 are checked by the main journey; here: language, what would help, preference.
      onStep: async (n) => (n >= 3 ? check(surv, `danger-2-intake-q${n}`) : undefined),
    },
  );

  // --- the queue says the request is urgent; the volunteer's queue summary counts it as urgent too ---
  // Nobody takes chats yet: one message says so (never "You're next in line" beside it), and the ways to get help
  // now come first.
  await surv.getByText(t.queue.noShiftScheduled(1)).waitFor();
  expect(await surv.getByText(t.queue.position(1)).count()).toBe(0);
  const now = surv.getByRole('region', { name: t.queue.urgentHeading });
  expect(await hrefOf(now, '911')).toBe('tel:911');
  await surv.getByText(t.queue.urgent).waitFor();
  await check(surv, 'danger-3-queue-urgent');
  await vol.getByRole('region', { name: ts.tools.queue.heading }).getByText(ts.tools.queue.urgent(1)).waitFor();
  await check(vol, 'volunteer-queue-urgent');

  // --- matched: the volunteer's tab and pane say urgent ---
  await setAccepting(vol, true);
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Riley') }).waitFor();
  const tabs = vol.getByRole('navigation', { name: ts.console.chats });
  await tabs.getByRole('button', { name: `${ts.chat.urgent}: ${ts.topics.sexual_assault}` }).waitFor();
  const pane = vol.getByRole('region', { name: ts.chat.logLabel(ts.topics.sexual_assault) });
  await pane.getByRole('heading', { level: 2, name: new RegExp(`^${ts.chat.urgent}`) }).waitFor();

  const first = 'I got out of the house. I’m at a friend’s place now.';
  await survivorSend(surv, t, first);
  await vol.getByText(first).waitFor();
  const reply = 'I’m really glad you’re somewhere safer. I’m here with you.';
  await volunteerSend(vol, reply);
  await surv.getByText(reply).waitFor();

  // --- the volunteer ends the chat. "In danger" at intake made it imminent and no supervisor acknowledged it, so
  // it is not ended alone: the console asks why it may end now, and staying keeps the chat open ---
  const endChat = pane.getByRole('button', { name: ts.chat.end, exact: true });
  await endChat.click();
  await pane.getByRole('button', { name: ts.chat.endYes, exact: true }).click();
  const whyEnd = pane.getByRole('alertdialog', { name: ts.tools.imminentEnd.title });
  await whyEnd.getByText(ts.tools.imminentEnd.text).waitFor();
  await check(vol, 'volunteer-imminent-end-why');
  await whyEnd.getByRole('button', { name: ts.tools.imminentEnd.stay }).click();
  await whyEnd.waitFor({ state: 'detached' });
  const still = 'Are you able to stay there tonight?';
  await volunteerSend(vol, still);
  await surv.getByText(still).waitFor();
  expect(await surv.getByText(t.chat.endedByVolunteer('Riley')).count()).toBe(0);

  // The survivor is safe at a friend's: said so, the chat ends, and the reason is recorded in the audit log.
  await endChat.click();
  await pane.getByRole('button', { name: ts.chat.endYes, exact: true }).click();
  await whyEnd.getByRole('button', { name: ts.tools.imminentEnd.survivor_safe }).click();
  // --- the survivor gets the optional survey and the resources ---
  await surv.getByText(t.chat.endedByVolunteer('Riley')).waitFor();
  const endedAlone = await e2e.server.ctx.db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'alert.ended_alone'), eq(auditLog.actorId, volunteer.id)));
  expect(endedAlone).toEqual([{ details: { reason: 'survivor_safe' } }]);
  const survey = surv.getByRole('form', { name: t.survey.heading });
  await survey.waitFor();
  const send = survey.getByRole('button', { name: t.survey.submit });
  // Nothing answered yet: there is nothing to send.
  expect(await send.isDisabled()).toBe(true);
  await check(surv, 'danger-4-ended-survey');
  await survey.getByRole('group', { name: t.survey.feltHeard }).getByLabel(t.survey.scale[3]!).check();
  await survey.getByRole('group', { name: t.survey.reachAgain }).getByLabel(t.survey.reachAgainOptions.yes).check();
  const posted = surv.waitForResponse((r) => r.url().endsWith('/survey') && r.request().method() === 'POST');
  await send.click();
  expect((await posted).ok()).toBe(true);
  await surv.getByRole('status').filter({ hasText: t.survey.thanks }).waitFor();
  expect(await survey.count()).toBe(0);

  // The resources: the emergency numbers, then the directory from the server (not the built-in fallback),
  // without listing the emergency line twice.
  const resources = surv.getByRole('region', { name: t.resources.heading });
  expect(await hrefOf(resources, '911')).toBe('tel:911');
  expect(await hrefOf(resources, '988')).toBe('tel:988');
  await resources.getByText('RAINN National Sexual Assault Hotline').waitFor();
  expect(await resources.getByText('Emergency services: 911').count()).toBe(0);
  await check(surv, 'danger-5-survey-sent-resources');

  await vol.getByText(ts.chat.ended('volunteer', 'ended_by_volunteer')).waitFor();
  await endShift(vol);

  expect(dialogs).toEqual([]);
  assertClean();
}
