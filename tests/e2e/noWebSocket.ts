// A survivor behind a network that blocks WebSockets (some workplaces, shelters and captive portals do): the chat
// stays on long-polling and nothing is lost, both ways, in order, with the delivery state shown.
import { expect } from 'vitest';
import { createJourneyChecker } from './axe.js';
import { forbidDialogs, type E2e } from './harness.js';
import { survivorIntake, survivorSend, survivorText } from './survivor.js';
import { endShift, startShift, volunteerSend, volunteerSignIn } from './staff.js';

export async function survivorWithoutWebSocket(e2e: E2e): Promise<void> {
  const { check, assertClean } = createJourneyChecker('no-websocket');
  const t = survivorText.en;
  const volunteer = await e2e.addStaff({ role: 'volunteer', displayName: 'Noor', languages: ['en'] });
  const vol = await (await e2e.newContext()).newPage();
  await volunteerSignIn(vol, e2e, volunteer);
  await startShift(vol, true);

  const survivorContext = await e2e.newContext();
  // Every WebSocket this page opens to us is refused at once, as a filtering proxy would.
  let refused = 0;
  await survivorContext.routeWebSocket(/\/socket\.io\//, (ws) => {
    refused += 1;
    void ws.close({ code: 1008, reason: 'blocked' });
  });
  const surv = await survivorContext.newPage();
  const dialogs: string[] = [];
  forbidDialogs(surv, dialogs);
  const polls: string[] = [];
  surv.on('request', (r) => {
    if (r.url().includes('/socket.io/') && r.url().includes('transport=polling')) polls.push(r.method());
  });
  await surv.goto(`${e2e.url}/`);
  await survivorIntake(surv, t, { topic: 'workplace', language: 'en', want: 'to_be_heard', preference: 'none' });
  await surv.getByRole('heading', { level: 1, name: t.chat.header('Noor') }).waitFor();

  const fromSurvivor = ['I am on the office wifi.', 'It blocks a lot of things.', 'Can you still see this?'];
  for (const line of fromSurvivor) await survivorSend(surv, t, line);
  for (const line of fromSurvivor) await vol.getByText(line, { exact: true }).waitFor();
  // The volunteer answers once all three have arrived, so the order below is the order they were written.
  const fromVolunteer = ['Yes, I can read you.', 'Take your time.'];
  for (const line of fromVolunteer) await volunteerSend(vol, line);
  const log = surv.getByRole('log', { name: t.chat.logLabel });
  for (const line of fromVolunteer) await log.getByText(line, { exact: true }).waitFor();
  // Each of the survivor's messages ends up "Sent" (acknowledged after it was stored), none "Not sent".
  await expect.poll(async () => log.getByText(t.chat.sent, { exact: false }).count()).toBeGreaterThanOrEqual(1);
  expect(await log.getByText(t.chat.failed, { exact: false }).count()).toBe(0);
  // In the order they were written, on the survivor's side.
  const text = await log.innerText();
  const positions = [...fromSurvivor, ...fromVolunteer].map((line) => text.indexOf(line));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  await check(surv, 'no-websocket-chat');

  // The socket really ran over long-polling: WebSockets were tried and refused, polling carried the chat.
  expect(refused).toBeGreaterThan(0);
  expect(polls.filter((m) => m === 'POST').length).toBeGreaterThanOrEqual(fromSurvivor.length);
  expect(dialogs).toEqual([]);

  await surv.getByRole('button', { name: t.chat.end }).click();
  await surv.getByRole('button', { name: t.chat.endYes }).click();
  await surv.getByText(t.chat.endedByVisitor).waitFor();
  await endShift(vol);
  assertClean();
}
