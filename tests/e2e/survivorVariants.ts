// The survivor surface beyond the main journey: scripts in messages stay inert (on a 390px phone), and the page in Spanish.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { RISK_STEP_CODES } from '@beside/shared';
import { createA11yChecker } from './axe.js';
import { DESKTOP, forbidDialogs, PHONE, shoot, type E2e } from './harness.js';
import { survivorIntake, survivorSend, survivorText } from './survivor.js';
import { endShift, staffText as ts, startShift, supervisorsReached, volunteerSend, volunteerSignIn } from './staff.js';

function checker(file: string) {
  const a11y = createA11yChecker(file);
  const check = async (page: Page, name: string): Promise<void> => {
    await shoot(page, name);
    await a11y.check(page, name);
  };
  return { a11y, check };
}

/** The focused element's text and outline style (a visible focus ring is not 'none'). */
async function focused(page: Page): Promise<{ text: string; outline: string }> {
  return page.evaluate<{ text: string; outline: string }>(
    '(() => { const el = document.activeElement; return { text: (el && el.textContent || "").trim(), outline: el ? getComputedStyle(el).outlineStyle : "none" }; })()',
  );
}

/** True when the page is not wider than its viewport (no sideways scrolling on a phone). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

/** A script sent in a message shows as text in the other side's browser; the survivor is on a 390px phone. */
export async function inertScriptsOnPhone(e2e: E2e): Promise<void> {
  const { a11y, check } = checker('phone-and-scripts');
  const t = survivorText.en;
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Sam', languages: ['en'], gender: 'woman' });
  const vol = await (await e2e.newContext()).newPage();
  const volDialogs: string[] = [];
  forbidDialogs(vol, volDialogs);
  await volunteerSignIn(vol, e2e, volunteer);
  await startShift(vol, true);

  const surv = await (await e2e.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })).newPage();
  const survDialogs: string[] = [];
  forbidDialogs(surv, survDialogs);
  await surv.goto(`${e2e.url}/`);
  await surv.getByRole('heading', { level: 1, name: t.safety.heading }).waitFor();
  await check(surv, 'phone-1-safety');
  expect(await fitsWidth(surv)).toBe(true);
  await survivorIntake(
    surv,
    t,
    { topic: 'sexual_assault', language: 'en', want: 'information', preference: 'woman' },
    { onStep: async (n) => (n === 1 || n === 5 ? check(surv, `phone-2-intake-q${n}`) : undefined) },
  );
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Sam') }).waitFor();

  // Survivor to volunteer: markup and script arrive as the characters typed.
  const fromSurvivor = `<img src=x onerror="alert('from the survivor')"><script>alert('from the survivor')</script>`;
  await survivorSend(surv, t, fromSurvivor);
  await vol.getByText(fromSurvivor, { exact: true }).waitFor();
  expect(await vol.locator('img[src="x"], .messages script').count()).toBe(0);

  // Volunteer to survivor, the same.
  const fromVolunteer = `<b onmouseover="alert('from the volunteer')">hello</b><script>alert('from the volunteer')</script>`;
  await volunteerSend(vol, fromVolunteer);
  await surv.getByText(fromVolunteer, { exact: true }).waitFor();
  expect(await surv.locator('.messages b, .messages script').count()).toBe(0);
  await surv.getByText(fromVolunteer, { exact: true }).hover();
  await surv.waitForTimeout(500);
  expect(survDialogs).toEqual([]);
  expect(volDialogs).toEqual([]);

  await survivorSend(surv, t, 'Sorry, I pasted something odd. Can we start again?');
  await vol.getByText('Can we start again?', { exact: false }).waitFor();
  await check(surv, 'phone-3-chat');
  expect(await fitsWidth(surv)).toBe(true);
  await check(vol, 'volunteer-chat-with-markup');

  // The survivor ends the chat: the ended state offers a new chat, deletion and resources.
  await surv.getByRole('button', { name: t.chat.end }).click();
  await surv.getByRole('button', { name: t.chat.endYes }).click();
  await surv.getByText(t.chat.endedByVisitor).waitFor();
  await surv.getByRole('button', { name: t.chat.newChat }).waitFor();
  await check(surv, 'phone-4-ended');
  expect(await fitsWidth(surv)).toBe(true);
  await vol.getByText(ts.chat.ended('visitor', 'ended_by_visitor')).waitFor();
  await endShift(vol);

  const findings = a11y.report();
  expect(findings, `axe found serious or critical violations:\n${findings}`).toBe('');
}

/** The survivor page in Spanish: switched from English, the queue with nobody on shift, the chat, quick exit by the button. */
export async function spanishSurvivor(e2e: E2e): Promise<void> {
  const { a11y, check } = checker('spanish');
  const t = survivorText.es;
  const surv = await (await e2e.newContext()).newPage();
  await surv.goto(`${e2e.url}/`);
  await surv.getByRole('heading', { level: 1, name: survivorText.en.safety.heading }).waitFor();
  // By keyboard: quick exit is the first stop, focus is visible, then the language switch.
  await surv.keyboard.press('Tab');
  expect(await focused(surv)).toMatchObject({ text: expect.stringContaining(survivorText.en.quickExit), outline: expect.not.stringMatching(/^none$/) });
  await surv.keyboard.press('Tab');
  await surv.keyboard.press('Tab');
  expect(await focused(surv)).toMatchObject({ text: 'Español' });
  await surv.keyboard.press('Enter');
  await surv.getByRole('heading', { level: 1, name: t.safety.heading }).waitFor();
  expect(await surv.evaluate<string>('document.documentElement.lang')).toBe('es');
  expect(await surv.title()).toBe(t.pageTitle);
  await check(surv, 'es-1-safety');
  await survivorIntake(
    surv,
    t,
    { topic: 'partner_family', language: 'es', want: 'to_be_heard', preference: 'none' },
    { onStep: async (n) => (n === 2 ? check(surv, 'es-2-intake-q2') : undefined) },
  );

  // Nobody is on shift: the page says so plainly and shows other places to get help.
  await surv.getByText(t.queue.noneOnShift).waitFor();
  await surv.getByRole('heading', { name: t.resources.heading }).waitFor();
  await check(surv, 'es-3-queue-nobody-on-shift');

  // A Spanish-speaking volunteer starts a shift and is matched.
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Lucía', languages: ['es'] });
  const vol = await (await e2e.newContext()).newPage();
  await volunteerSignIn(vol, e2e, volunteer);
  await startShift(vol, true);
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Lucía') }).waitFor();
  await survivorSend(surv, t, 'Hola. No sé por dónde empezar.');
  await vol.getByText('Hola. No sé por dónde empezar.').waitFor();
  await volunteerSend(vol, 'Hola, gracias por escribir. Estoy aquí para escucharte.');
  await surv.getByText('Hola, gracias por escribir. Estoy aquí para escucharte.').waitFor();
  await check(surv, 'es-4-chat');

  // --- the volunteer shares a resource: a card with the Spanish entry, labelled by the survivor's page ---
  const hotline = 'Línea Nacional sobre la Violencia Doméstica';
  const pane = vol.getByRole('region', { name: ts.chat.logLabel(ts.topics.partner_family) });
  await pane.getByRole('group', { name: ts.tools.toolbar.label }).getByRole('button', { name: ts.tools.toolbar.resource }).click();
  const picker = pane.getByRole('group', { name: ts.tools.resources.heading });
  await picker.getByRole('button', { name: ts.tools.resources.share(hotline) }).click();
  await picker.getByText(ts.tools.resources.shared(hotline)).waitFor();
  await picker.getByRole('button', { name: ts.tools.canned.close }).click();
  const survLog = surv.getByRole('log', { name: t.chat.logLabel });
  await survLog.getByText(hotline, { exact: true }).waitFor();
  expect(await survLog.getByRole('link', { name: t.resources.call('800-799-7233') }).getAttribute('href')).toBe('tel:8007997233');
  await check(surv, 'es-5-resource-card');
  await surv.setViewportSize(PHONE);
  await check(surv, 'es-5-resource-card-phone');
  expect(await fitsWidth(surv)).toBe(true);
  await surv.setViewportSize(DESKTOP);

  // --- the survivor shares contact details: a safety note, in the language their page shows ---
  await survivorSend(surv, t, 'Mi correo es ana.rios@gmail.com por si acaso.');
  await surv.getByRole('note').getByText(t.safetyNotices.contact_details).waitFor();

  // --- crisis words: the volunteer's banner reads in the console's language only; the crisis lines are the Spanish entries ---
  await survivorSend(surv, t, 'A veces ya no quiero vivir.');
  const banner = pane.getByRole('alert', { name: ts.tools.risk.title });
  await banner.waitFor();
  // The "supervisor alerted" step names the supervisors actually reached: the consoles earlier journeys left open.
  const reached = supervisorsReached(e2e);
  await expect
    .poll(() => banner.getByRole('list').first().getByRole('listitem').allTextContents())
    .toEqual(RISK_STEP_CODES.map((code) => (code === 'supervisor_alerted' ? ts.tools.risk.reach(reached) : ts.tools.risk.steps[code])));
  await banner.getByText('Emergencias: 911').waitFor();
  await check(vol, 'es-volunteer-risk-banner');
  await vol.setViewportSize(PHONE);
  await check(vol, 'es-volunteer-risk-banner-phone');
  await vol.setViewportSize(DESKTOP);

  // Switching back to English mid-chat keeps the chat, and the service's words follow: the card, the note.
  await surv.getByRole('group', { name: t.languageLabel }).getByRole('button', { name: 'English' }).click();
  await surv.getByRole('heading', { level: 1, name: survivorText.en.chat.header('Lucía') }).waitFor();
  await surv.getByText('Hola. No sé por dónde empezar.').waitFor();
  const logInEnglish = surv.getByRole('log', { name: survivorText.en.chat.logLabel });
  await logInEnglish.getByRole('link', { name: survivorText.en.resources.call('800-799-7233') }).waitFor();
  expect(await logInEnglish.getByRole('link', { name: t.resources.call('800-799-7233') }).count()).toBe(0);
  await surv.getByRole('note').getByText(survivorText.en.safetyNotices.contact_details).waitFor();
  await check(surv, 'es-6-switched-to-english');
  await surv.getByRole('group', { name: survivorText.en.languageLabel }).getByRole('button', { name: 'Español' }).click();

  // Quick exit by the button this time.
  await surv.getByRole('button', { name: new RegExp(t.quickExit) }).click();
  await surv.waitForURL(e2e.neutral.exitUrl);
  await vol.getByText(ts.chat.ended('visitor', 'visitor_left')).waitFor();
  await endShift(vol);

  const findings = a11y.report();
  expect(findings, `axe found serious or critical violations:\n${findings}`).toBe('');
}

/** The pages outside the journeys: the privacy page (both languages) and the first-admin setup page without its link. */
export async function otherPages(e2e: E2e): Promise<void> {
  const { a11y, check } = checker('other-pages');
  const page = await (await e2e.newContext()).newPage();
  await page.goto(`${e2e.url}/privacy`);
  await page.getByRole('heading', { level: 1, name: survivorText.en.privacy.title }).waitFor();
  await check(page, 'privacy-en');
  await page.getByRole('group', { name: survivorText.en.languageLabel }).getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { level: 1, name: survivorText.es.privacy.title }).waitFor();
  await check(page, 'privacy-es');
  await page.goto(`${e2e.url}/setup`);
  await page.getByText(ts.setup.noToken).waitFor();
  await check(page, 'setup-without-link');
  const findings = a11y.report();
  expect(findings, `axe found serious or critical violations:\n${findings}`).toBe('');
}
