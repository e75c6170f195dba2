// Honest words, through the real server: the risk banner's "supervisor alerted" step and the answer to "Ask for help"
// say who was actually reached — a supervisor online (by name), the on-call supervisor paged, the on-call supervisor
// not reachable by page, or nobody on call — and the console's words for each state are read here too.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RiskBanner, SupervisorReach } from '@beside/shared';
import { staffToolsEn } from '../client/src/i18n/staffTools.en.js';
import { shiftSignups, shiftSlots } from '../server/src/db/schema.js';
import { next, ok } from './helpers/clients.js';
import { moderator, pair, sayOk } from './helpers/moderation.js';
import { connectListening } from './helpers/matching.js';
import { closedPortUrl } from './helpers/pageReceiver.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** A pager receiver on loopback: counts what arrives. */
let receiver: http.Server;
let received = 0;
let withPager: TestServer;
let withoutPager: TestServer;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    received += 1;
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/page`;
  withPager = await startTestServer({ env: { PAGER_WEBHOOK_URL: url, PAGER_WEBHOOK_SECRET: 'a-long-enough-test-secret-0123456789' } });
  withoutPager = await startTestServer();
});
afterAll(async () => {
  await withPager?.stop();
  await withoutPager?.stop();
  await new Promise((r) => receiver?.close(r));
});

/** Puts a moderator on call now (a supervisor slot covering this hour, signed up). */
async function onCall(server: TestServer, name: string) {
  const row = await server.addStaff({ role: 'moderator', displayName: name });
  const now = server.ctx.clock.now().getTime();
  const id = randomUUID();
  await server.ctx.db.insert(shiftSlots).values({ id, startsAt: new Date(now - 3600_000), endsAt: new Date(now + 3600_000), role: 'supervisor' });
  await server.ctx.db.insert(shiftSignups).values({ slotId: id, staffId: row.id });
  return { row, clear: () => server.ctx.db.delete(shiftSignups).execute() };
}

/** A chat that turns high-risk; what the volunteer's banner and "Ask for help" say. */
async function reachSeen(server: TestServer): Promise<{ banner: SupervisorReach; help: SupervisorReach | undefined }> {
  const p = await pair(server, 'Sam');
  const banner = next(p.volunteer.socket, 'risk:banner');
  await sayOk(p.visitor.socket, p.conversation.id, 'I want to end my life');
  const b = (await banner) as RiskBanner;
  // Why the banner is up, as it is: words read in the chat (not the intake's answer).
  expect(b.signs).toEqual(['crisis']);
  const help = await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
  await ok(p.volunteer.socket, 'conversation:end', { conversationId: p.conversation.id, imminentReason: 'survivor_safe' });
  await p.close();
  return { banner: b.reach, help: help.reach };
}

const words = staffToolsEn.risk.reach;
const helpWords = staffToolsEn.help.reach;
let cleanup: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('what the volunteer is told', () => {
  it('names the supervisor who is online', async () => {
    const mod = await moderator(withPager, 'moderator', 'Alex');
    const seen = await reachSeen(withPager);
    expect(seen.banner).toEqual({ state: 'online', names: ['Alex'] });
    expect(seen.help).toEqual({ state: 'online', names: ['Alex'] });
    expect(words(seen.banner)).toBe('Alex (supervisor) has been alerted. Press “Ask for help” if you want someone with you now.');
    expect(helpWords(seen.help!)).toBe('You asked for help. Alex (supervisor) has been asked to join.');
    mod.socket.close();
  });

  it('says the on-call supervisor was paged when nobody is online, and the page goes out', async () => {
    const dana = await onCall(withPager, 'Dana');
    cleanup = dana.clear;
    const before = received;
    const seen = await reachSeen(withPager);
    expect(seen.banner).toEqual({ state: 'paged', onCall: ['Dana'] });
    expect(seen.help).toEqual({ state: 'paged', onCall: ['Dana'] });
    expect(words(seen.banner)).toBe('No supervisor is online. The on-call supervisor (Dana) has been paged.');
    expect(helpWords(seen.help!)).toMatch(/No supervisor is online; the on-call supervisor \(Dana\) has been paged/);
    const deadline = Date.now() + 10_000;
    while (received === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(received).toBeGreaterThan(before);
  });

  it('says the on-call supervisor could not be paged when no pager is set up', async () => {
    const dana = await onCall(withoutPager, 'Dana');
    cleanup = dana.clear;
    const seen = await reachSeen(withoutPager);
    expect(seen.banner).toEqual({ state: 'unreachable', onCall: ['Dana'] });
    expect(words(seen.banner)).toMatch(/^No supervisor is online, and the on-call supervisor \(Dana\) could not be paged/);
  });

  it('says plainly that nobody is on call, and promises no one', async () => {
    const seen = await reachSeen(withoutPager);
    expect(seen.banner).toEqual({ state: 'none' });
    expect(seen.help).toEqual({ state: 'none' });
    expect(words(seen.banner)).toBe('No supervisor is on call right now: follow these steps.');
    expect(helpWords(seen.help!)).toBe('You asked for help, but no supervisor is on call right now: follow the protocol.');
    expect(words(seen.banner)).not.toMatch(/alerted|will join/);
  });
});

describe('when what was reached changes', () => {
  it('tells the volunteer when the page to the on-call supervisor fails for good', async () => {
    // Two attempts 1.5 s apart: the banner is sent while the page is still being tried (paged), the update after.
    const s = await startTestServer({
      env: { PAGER_WEBHOOK_URL: await closedPortUrl(), PAGER_WEBHOOK_SECRET: 'a-long-enough-test-secret-0123456789', PAGER_MAX_ATTEMPTS: '2', PAGER_RETRY_SECONDS: '1.5' },
    });
    try {
      const dana = await onCall(s, 'Dana');
      const p = await pair(s, 'Sam');
      const banner = next(p.volunteer.socket, 'risk:banner');
      const update = next(p.volunteer.socket, 'risk:reach', (u) => u.reach.state === 'unreachable');
      await sayOk(p.visitor.socket, p.conversation.id, 'I want to end my life');
      expect((await banner).reach).toEqual({ state: 'paged', onCall: ['Dana'] });
      const changed = await update;
      expect(changed).toEqual({ conversationId: p.conversation.id, reach: { state: 'unreachable', onCall: ['Dana'] } });
      expect(words(changed.reach)).toMatch(/could not be paged/);
      await ok(p.volunteer.socket, 'conversation:end', { conversationId: p.conversation.id, imminentReason: 'survivor_safe' });
      await p.close();
      await dana.clear();
    } finally {
      await s.stop();
    }
  });

  it('tells the volunteer by name when a supervisor acknowledges the alert, and keeps it on a reconnect', async () => {
    const mod = await moderator(withoutPager, 'moderator', 'Alex');
    const p = await pair(withoutPager, 'Sam');
    const raised = next(mod.socket, 'alert:raised', (a) => a.conversationId === p.conversation.id);
    await sayOk(p.visitor.socket, p.conversation.id, 'I want to end my life');
    const alert = await raised;
    const update = next(p.volunteer.socket, 'risk:reach', (u) => u.acknowledgedByName !== undefined);
    await ok(mod.socket, 'alert:acknowledge', { alertId: alert.id, reason: 'volunteer_has_it' });
    const changed = await update;
    expect(changed).toMatchObject({ conversationId: p.conversation.id, acknowledgedByName: 'Alex', reach: { state: 'online', names: ['Alex'] } });
    expect(staffToolsEn.risk.acknowledged('Alex')).toBe('Alex (supervisor) has acknowledged this alert. Press “Ask for help” if you want someone with you now.');
    // The banner sent again after the volunteer reconnects says the same.
    const again = await connectListening(withoutPager.url, p.volunteer.token, (sock) => {
      void next(sock, 'risk:banner').then((b) => (resent = b));
    });
    let resent: RiskBanner | undefined;
    const deadline = Date.now() + 5000;
    while (!resent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(resent).toMatchObject({ conversationId: p.conversation.id, acknowledgedByName: 'Alex' });
    again.close();
    // The supervisor acknowledged it: the volunteer may end the chat without a reason.
    await ok(p.volunteer.socket, 'conversation:end', { conversationId: p.conversation.id });
    mod.socket.close();
    await p.close();
  });
});
