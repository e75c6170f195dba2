// Paging the on-call supervisor through the real server, to a webhook receiver this test starts on loopback: a
// signed page with no chat content, at once when nobody is connected, after PAGE_AFTER_SECONDS when a connected
// supervisor does not answer, never when they do; retried with back-off against a receiver that fails, then
// `failed`; every attempt in the audit log; and a pending page that outlives a restart.
import { createHmac, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { alerts } from '../server/src/db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageStatusResponse, PublishedSlots } from '@beside/shared';
import { listAudit } from '../server/src/domain/core/audit.js';
import { pageStatus, schedulePage } from '../server/src/domain/moderation/paging.js';
import { ok, sleep } from './helpers/clients.js';
import { marker } from './helpers/marker.js';
import { eventually, moderator, pair, sayOk } from './helpers/moderation.js';
import { closedPortUrl, startPageReceiver, type PageReceiver, type ReceivedPage } from './helpers/pageReceiver.js';
import { createTestDatabase, startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http } from './helpers/staffAuth.js';

const SECRET = 'page-secret-'.padEnd(40, 'z');
const PAGE_AFTER_SECONDS = 1.5;
const RETRY_SECONDS = 0.2;
const pagerEnv = (url: string) => ({
  JWT_SECRET: TEST_JWT_SECRET,
  PAGER_WEBHOOK_URL: url,
  PAGER_WEBHOOK_SECRET: SECRET,
  PAGE_AFTER_SECONDS: String(PAGE_AFTER_SECONDS),
  PAGER_RETRY_SECONDS: String(RETRY_SECONDS),
  PAGER_MAX_ATTEMPTS: '3',
});

let receiver: PageReceiver;
let server: TestServer;
let adminToken: string;

beforeAll(async () => {
  receiver = await startPageReceiver();
  server = await startTestServer({ env: pagerEnv(receiver.url) });
  adminToken = server.tokenFor(await server.addStaff({ role: 'admin', displayName: 'Ada' }));
  // Oona is on call now (a supervisor slot around this moment) but never connects.
  const now = Date.now();
  const published = await http<PublishedSlots>(server, 'POST', '/api/schedule/slots', {
    token: adminToken,
    body: { slots: [{ startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 3 * 3600_000).toISOString(), role: 'supervisor' }] },
  });
  const oona = await server.addStaff({ role: 'moderator', displayName: 'Oona' });
  expect((await http(server, 'POST', `/api/schedule/slots/${published.body.slots[0]!.id}/signup`, { token: server.tokenFor(oona) })).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

/** The id of the one alert a chat's signs raised (alerts are one per thread; pages are keyed by it). */
async function alertOfChat(on: TestServer, conversationId: string): Promise<string> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const [row] = await on.ctx.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.conversationId, conversationId));
    if (row) return row.id;
    if (Date.now() > deadline) throw new Error('no alert for the chat');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pagesFor = (r: PageReceiver, alertId: string) => r.received.filter((p) => p.body.alertId === alertId);

async function waitForPages(r: PageReceiver, alertId: string, count: number, timeoutMs = 8000): Promise<ReceivedPage[]> {
  return eventually(() => pagesFor(r, alertId), (list) => list.length >= count, timeoutMs);
}

/** What a receiving service does: recompute the HMAC of the raw body and compare in constant time. */
function validSignature(page: ReceivedPage, secret = SECRET): boolean {
  const header = String(page.headers['x-beside-signature'] ?? '');
  const expected = 'sha256=' + createHmac('sha256', secret).update(page.raw).digest('hex');
  return header.length === expected.length && timingSafeEqual(Buffer.from(header), Buffer.from(expected));
}

async function auditOf(s: TestServer, action: string, alertId: string) {
  return (await listAudit(s.ctx.db, { action, targetId: alertId, limit: 20 })).reverse();
}

describe('a page when nobody is connected', () => {
  it('goes out at once for a crisis-word alert: signed, with the alert kind, age and console link, and no chat content', async () => {
    const p = await pair(server, 'Robin');
    const said = marker('crisis');
    await sayOk(p.visitor.socket, p.conversation.id, `I don't want to be alive anymore ${said}`);
    const alertId = await alertOfChat(server, p.conversation.id);
    const raisedAt = Date.now();
    const [page] = await waitForPages(receiver, alertId, 1, 3000);
    expect(page, 'a page arrived').toBeDefined();
    // Nobody was connected: it did not wait PAGE_AFTER_SECONDS.
    expect(page!.at - raisedAt).toBeLessThan(PAGE_AFTER_SECONDS * 1000);
    expect(page!.path).toBe('/hooks/beside');
    expect(page!.headers['content-type']).toMatch(/^application\/json/);
    expect(validSignature(page!)).toBe(true);
    expect(validSignature(page!, 'some-other-secret-entirely')).toBe(false);
    expect(Number(page!.headers['x-beside-timestamp'])).toBeGreaterThan(raisedAt / 1000 - 60);
    expect(Object.keys(page!.body).sort()).toEqual(
      ['alertId', 'attempt', 'ageSeconds', 'consoleUrl', 'kind', 'onCall', 'raisedAt', 'sentAt', 'type'].sort(),
    );
    expect(page!.body).toMatchObject({
      type: 'beside.page',
      alertId,
      kind: 'crisis',
      attempt: 1,
      onCall: ['Oona'],
      consoleUrl: `${server.config.linkBaseUrl}/moderator`,
    });
    expect(page!.body.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(page!.body.ageSeconds).toBeLessThan(5);
    // No message text, no survivor, no volunteer.
    expect(page!.raw).not.toContain(said);
    expect(page!.raw).not.toContain('alive');
    expect(page!.raw).not.toContain(p.visitor.visitorId);
    expect(page!.raw).not.toContain('Robin');

    // The receiver has the page before the sender has read the answer and recorded it.
    expect(await eventually(() => pageStatus(server.ctx.db, alertId), (s) => s === 'sent')).toBe('sent');
    const sent = await auditOf(server, 'page.sent', alertId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ actorRole: 'system', targetType: 'alert', targetId: alertId });
    expect(sent[0]!.details).toEqual({ alertId, kind: 'crisis', attempt: 1, httpStatus: 200 });
    expect(JSON.stringify(sent)).not.toContain(said);
    const scheduled = await auditOf(server, 'page.scheduled', alertId);
    expect(scheduled[0]!.details).toMatchObject({ dueInSeconds: 0, supervisorsOnline: 0 });

    // The console's words come from the same status.
    const mod = await moderator(server, 'moderator', 'Mo');
    const rest = await http<PageStatusResponse>(server, 'GET', `/api/supervision/pages/${encodeURIComponent(alertId)}`, { token: mod.token });
    expect(rest.body).toEqual({ alertId, status: 'sent' });
    expect((await http(server, 'GET', '/api/supervision/pages/not%20an%20id', { token: mod.token })).status).toBe(400);
    expect((await http(server, 'GET', `/api/supervision/pages/${alertId}`, { token: p.volunteer.token })).status).toBe(403);
    // Scheduling the same alert again pages nobody twice.
    await schedulePage(server.ctx, { alertId, kind: 'crisis', raisedAt: new Date() });
    await sleep(300);
    expect(pagesFor(receiver, alertId)).toHaveLength(1);
    mod.socket.close();
    await p.close();
  });
});

describe('a connected supervisor who does not answer', () => {
  it('is given PAGE_AFTER_SECONDS; then the on-call supervisor is paged', async () => {
    const mod = await moderator(server, 'moderator', 'Mo');
    await eventually(() => server.ctx.live.connections({ moderators: true }), (n) => n > 0);
    const p = await pair(server);
    const help = await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    const alertId = await alertOfChat(server, p.conversation.id);
    const raisedAt = Date.parse(help.createdAt);
    await sleep(PAGE_AFTER_SECONDS * 1000 - 500);
    expect(pagesFor(receiver, alertId), 'no page before the time is up').toHaveLength(0);
    expect(await pageStatus(server.ctx.db, alertId)).toBe('pending');
    const [page] = await waitForPages(receiver, alertId, 1, 5000);
    expect(page, 'a page arrived').toBeDefined();
    expect(page!.at - raisedAt).toBeGreaterThanOrEqual(PAGE_AFTER_SECONDS * 1000 - 50);
    expect(validSignature(page!)).toBe(true);
    expect(page!.body).toMatchObject({ kind: 'help_request', alertId, attempt: 1, onCall: ['Oona'] });
    expect(page!.body.ageSeconds).toBeGreaterThanOrEqual(1);
    const scheduled = (await auditOf(server, 'page.scheduled', alertId))[0]!.details as { supervisorsOnline: number; dueInSeconds: number };
    expect(scheduled.supervisorsOnline).toBe(1);
    expect(scheduled.dueInSeconds).toBeGreaterThanOrEqual(1);
    expect(await eventually(() => pageStatus(server.ctx.db, alertId), (s) => s === 'sent')).toBe('sent');
    mod.socket.close();
    await p.close();
  });

  it('answers in time: the page is dropped and nothing is sent', async () => {
    const mod = await moderator(server, 'moderator', 'Mo');
    await eventually(() => server.ctx.live.connections({ moderators: true }), (n) => n > 0);
    const p = await pair(server);
    await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    const alertId = await alertOfChat(server, p.conversation.id);
    expect(await pageStatus(server.ctx.db, alertId)).toBe('pending');
    await ok(mod.socket, 'supervision:observe', { conversationId: p.conversation.id });
    expect(await pageStatus(server.ctx.db, alertId)).toBe('none');
    await sleep(PAGE_AFTER_SECONDS * 1000 + 1000);
    expect(pagesFor(receiver, alertId)).toHaveLength(0);
    expect(await auditOf(server, 'page.sent', alertId)).toHaveLength(0);
    expect((await auditOf(server, 'page.cancelled', alertId))[0]!.details).toMatchObject({ alertId, kind: 'help_request', attempts: 0 });
    mod.socket.close();
    await p.close();
  });
});

describe('a receiver that is down', () => {
  it('answers 500: retried with growing waits, then failed, every attempt audited', async () => {
    receiver.answer(500);
    try {
      const p = await pair(server);
      await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
      const alertId = await alertOfChat(server, p.conversation.id);
      const attempts = await waitForPages(receiver, alertId, 3, 8000);
      expect(attempts.map((a) => a.body.attempt)).toEqual([1, 2, 3]);
      for (const a of attempts) expect(validSignature(a)).toBe(true);
      const first = attempts[1]!.at - attempts[0]!.at;
      const second = attempts[2]!.at - attempts[1]!.at;
      expect(first).toBeGreaterThanOrEqual(RETRY_SECONDS * 1000 - 50);
      expect(second).toBeGreaterThanOrEqual(3 * RETRY_SECONDS * 1000 - 50);
      expect(second).toBeGreaterThan(first);
      const failed = await eventually(() => auditOf(server, 'page.failed', alertId), (l) => l.length >= 3);
      expect(failed.map((f) => f.details)).toEqual([
        { alertId, kind: 'help_request', attempt: 1, httpStatus: 500, error: 'http_status', final: false },
        { alertId, kind: 'help_request', attempt: 2, httpStatus: 500, error: 'http_status', final: false },
        { alertId, kind: 'help_request', attempt: 3, httpStatus: 500, error: 'http_status', final: true },
      ]);
      expect(await pageStatus(server.ctx.db, alertId)).toBe('failed');
      // No fourth attempt.
      await sleep(1500);
      expect(pagesFor(receiver, alertId)).toHaveLength(3);
      await p.close();
    } finally {
      receiver.answer(200);
    }
  });

  it('is not listening at all: the same retries, then failed, with no HTTP status', async () => {
    const s = await startTestServer({ env: pagerEnv(await closedPortUrl()) });
    try {
      const p = await pair(s);
      await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
      const alertId = await alertOfChat(s, p.conversation.id);
      const failed = await eventually(() => auditOf(s, 'page.failed', alertId), (l) => l.length >= 3, 8000);
      expect(failed.map((f) => f.details)).toEqual([1, 2, 3].map((attempt) => ({
        alertId,
        kind: 'help_request',
        attempt,
        httpStatus: null,
        error: 'unreachable',
        final: attempt === 3,
      })));
      expect(await pageStatus(s.ctx.db, alertId)).toBe('failed');
      expect(await auditOf(s, 'page.sent', alertId)).toHaveLength(0);
      await p.close();
    } finally {
      await s.stop();
    }
  });
});

describe('without a pager configured', () => {
  it('records the page as not_configured, audited, so the console can say nobody can be paged', async () => {
    const s = await startTestServer({ env: { JWT_SECRET: TEST_JWT_SECRET } });
    try {
      const p = await pair(s);
      await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
      const alertId = await alertOfChat(s, p.conversation.id);
      expect(await pageStatus(s.ctx.db, alertId)).toBe('not_configured');
      expect((await auditOf(s, 'page.not_configured', alertId))[0]!.details).toEqual({ alertId, kind: 'help_request' });
      const mod = await moderator(s, 'moderator', 'Mo');
      const onCall = await http(s, 'GET', '/api/supervision/on-call', { token: mod.token });
      expect(onCall.body.pagerConfigured).toBe(false);
      mod.socket.close();
      await p.close();
    } finally {
      await s.stop();
    }
  });
});

describe('an alert that opens again', () => {
  it('pages again: a new kind of sign after an acknowledgement is a new page, attempt 1, with the new kind', async () => {
    const p = await pair(server, 'Robin');
    await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    const alertId = await alertOfChat(server, p.conversation.id);
    const [first] = await waitForPages(receiver, alertId, 1, 3000);
    expect(first!.body).toMatchObject({ kind: 'help_request', attempt: 1 });
    expect(await eventually(() => pageStatus(server.ctx.db, alertId), (s) => s === 'sent')).toBe('sent');

    // A supervisor acknowledges it, and leaves.
    const mod = await moderator(server, 'moderator', 'Mo');
    await ok(mod.socket, 'alert:acknowledge', { alertId, reason: 'volunteer_has_it' });
    mod.socket.close();
    await eventually(() => server.ctx.live.connections({ moderators: true }), (n) => n === 0);

    // Crisis words now: the alert is open again with nobody looking, so the on-call supervisor is paged again.
    await sayOk(p.visitor.socket, p.conversation.id, `I don't want to be alive anymore ${marker('again')}`);
    const [, second] = await waitForPages(receiver, alertId, 2, 3000);
    expect(second, 'a second page').toBeDefined();
    expect(validSignature(second!)).toBe(true);
    expect(second!.body).toMatchObject({ alertId, kind: 'crisis', attempt: 1 });
    const scheduled = await auditOf(server, 'page.scheduled', alertId);
    expect(scheduled.map((a) => a.details.again ?? false)).toEqual([false, true]);
    // A sign of a kind it already holds opens nothing and pages nobody.
    await sayOk(p.visitor.socket, p.conversation.id, `I want to die ${marker('same')}`);
    await sleep(500);
    expect(pagesFor(receiver, alertId)).toHaveLength(2);
    await ok(p.volunteer.socket, 'conversation:end', { conversationId: p.conversation.id, imminentReason: 'survivor_safe' });
    await p.close();
  });
});

describe('a restart', () => {
  it('keeps a pending page: the restarted node sends it when it falls due', async () => {
    const dataDir = path.join(os.tmpdir(), `beside-paging-${process.pid}-${randomBytes(3).toString('hex')}`);
    // One database for both lives of the server (on DATABASE_URL each start would otherwise get a fresh one).
    const testDb = await createTestDatabase();
    const own = await startPageReceiver();
    const first = await startTestServer({ dataDir, databaseUrl: testDb?.url, env: pagerEnv(own.url) });
    let second: TestServer | undefined;
    try {
      const mod = await moderator(first, 'moderator', 'Mo');
      await eventually(() => first.ctx.live.connections({ moderators: true }), (n) => n > 0);
      const p = await pair(first);
      const help = await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
      const alertId = await alertOfChat(first, p.conversation.id);
      expect(await pageStatus(first.ctx.db, alertId)).toBe('pending');
      mod.socket.close();
      p.visitor.socket.close();
      p.volunteer.socket.close();
      await first.close();
      expect(own.received).toHaveLength(0);

      second = await startTestServer({ dataDir, databaseUrl: testDb?.url, env: pagerEnv(own.url) });
      const [page] = await waitForPages(own, alertId, 1, 8000);
      expect(page, 'the restarted node sent the page').toBeDefined();
      expect(validSignature(page!)).toBe(true);
      expect(page!.at - Date.parse(help.createdAt)).toBeGreaterThanOrEqual(PAGE_AFTER_SECONDS * 1000 - 50);
      await sleep(300);
      expect(pagesFor(own, alertId)).toHaveLength(1);
    } finally {
      await second?.stop();
      await testDb?.drop();
      await own.close();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two nodes on one database', () => {
  it('send each page once, whichever node claims it', async () => {
    const testDb = await createTestDatabase();
    const own = await startPageReceiver();
    const a = await startTestServer({ databaseUrl: testDb!.url, env: pagerEnv(own.url) });
    const b = await startTestServer({ databaseUrl: testDb!.url, env: pagerEnv(own.url) });
    try {
      // Twenty alerts at once, nobody connected: every page is due now and both nodes' pagers wake for them.
      const ids = Array.from({ length: 20 }, () => randomUUID());
      await Promise.all(ids.map((alertId, i) => schedulePage((i % 2 ? b : a).ctx, { alertId, kind: 'crisis', raisedAt: new Date() })));
      await eventually(() => own.received.length, (n) => n >= ids.length, 10_000);
      await sleep(500);
      const seen = own.received.map((p) => String(p.body.alertId));
      expect(seen.sort()).toEqual([...ids].sort());
      for (const id of ids) expect(await pageStatus(a.ctx.db, id)).toBe('sent');
    } finally {
      await a.close();
      await b.close();
      await testDb?.drop();
      await own.close();
    }
  });
});
