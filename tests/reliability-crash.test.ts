// Kill the server with SIGKILL mid-conversation and start it again: every acknowledged message is delivered
// exactly once, in order, on both sides.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationView, LoginResponse, VisitorSessionResponse } from '@beside/shared';
import { connect, intake, next, ok, postJson, sleep } from './helpers/clients.js';
import { OutboxClient } from './helpers/outbox.js';
import { demoLogins, freePort, startServerProcess, type ServerProcess } from './helpers/process.js';
import { createTestDatabase } from './helpers/server.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`Timed out: ${what}`);
    await sleep(50);
  }
}

function assertExactlyOnceInOrder(side: OutboxClient, allAcked: ChatMessage[]) {
  const bySeq = new Map<number, ChatMessage>();
  for (const m of side.deliveries) {
    const seen = bySeq.get(m.seq);
    // The same seq may arrive live and again in a catch-up; it must be the same message.
    if (seen) expect(seen.id).toBe(m.id);
    bySeq.set(m.seq, m);
  }
  const seqs = [...bySeq.keys()].sort((a, b) => a - b);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  const ids = [...bySeq.values()].map((m) => m.clientId);
  expect(new Set(ids).size).toBe(ids.length);
  for (const a of allAcked) expect(bySeq.get(a.seq)?.clientId).toBe(a.clientId);
}

describe('a crash (SIGKILL) mid-conversation', () => {
  it('loses no acknowledged message and doubles none, on either side', async () => {
    const testDb = await createTestDatabase();
    if (testDb) cleanups.push(() => testDb.drop());
    const env = {
      DATA_DIR: path.join(os.tmpdir(), `beside-crash-${randomBytes(4).toString('hex')}`),
      PORT: String(await freePort()),
      CHAT_COOLDOWN_SECONDS: '0',
      // This test is about delivery under a crash, not about flood limits: two people send 40 messages fast.
      RATE_LIMIT_MESSAGES_PER_10S: '1000',
      ...(testDb ? { DATABASE_URL: testDb.url } : {}),
    };
    let node: ServerProcess = await startServerProcess(env, ['--demo']);
    cleanups.push(() => node.kill('SIGKILL'));
    const creds = demoLogins(node.stdout()).volunteer!;
    const login = await postJson<LoginResponse>(node.url, '/api/auth/login', creds);
    const volunteerSocket = await connect(node.url, login.body.accessToken);
    await ok(volunteerSocket, 'shift:set', { onShift: true });
    const session = await postJson<VisitorSessionResponse>(node.url, '/api/visitor/session', undefined);
    const visitorSocket = await connect(node.url, session.body.token);
    const started = next(visitorSocket, 'conversation:started');
    await ok(visitorSocket, 'queue:join', intake());
    const conversation = (await started) as ConversationView;
    volunteerSocket.close();
    visitorSocket.close();

    const survivor = new OutboxClient(node.url, session.body.token, conversation.id);
    const volunteer = new OutboxClient(node.url, login.body.accessToken, conversation.id);
    cleanups.push(async () => {
      survivor.close();
      volunteer.close();
    });
    await until(() => survivor.socket.connected && volunteer.socket.connected, 10_000, 'clients connect');

    // Messages in flight in both directions while the process is killed.
    for (let i = 0; i < 40; i++) {
      survivor.send(`survivor ${i}`);
      volunteer.send(`volunteer ${i}`);
      if (i === 20) {
        await node.kill('SIGKILL');
        node = await startServerProcess(env);
      }
      await sleep(10);
    }
    await until(() => survivor.pendingCount === 0 && volunteer.pendingCount === 0, 30_000, 'outboxes drain');
    const acked = [...survivor.acked, ...volunteer.acked];
    expect(new Set(acked.map((m) => m.clientId)).size).toBe(80);
    const maxSeq = Math.max(...acked.map((m) => m.seq));
    expect(maxSeq).toBe(80);
    await until(
      () => survivor.lastContiguousSeq() === maxSeq && volunteer.lastContiguousSeq() === maxSeq,
      15_000,
      'both sides caught up',
    );
    assertExactlyOnceInOrder(survivor, acked);
    assertExactlyOnceInOrder(volunteer, acked);
    // Both sides see the same conversation: the same message at every sequence number.
    const view = (side: OutboxClient) =>
      [...new Map(side.deliveries.map((m) => [m.seq, m.id])).entries()].sort((a, b) => a[0] - b[0]);
    expect(view(survivor)).toEqual(view(volunteer));
  }, 120_000);
});
