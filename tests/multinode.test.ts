// Two server processes sharing PostgreSQL and Redis: a survivor on one node chats with a volunteer on the other,
// moderators hear what either node raises, and a node killed outright loses nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {  ConversationView,  VisitorSessionResponse } from '@beside/shared';
import { openStorage, type Storage } from '../server/src/db/connect.js';
import { systemClock } from '../server/src/domain/core/clock.js';
import { createStaff } from '../server/src/domain/staff/accounts.js';
import { createLogger } from '../server/src/logger.js';
import { createTokenService } from '../server/src/security/tokens.js';
import { connect, intake, next, ok, postJson, type ClientSocket } from './helpers/clients.js';
import { createTestDatabase } from './helpers/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

interface NodeProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for the failure message. */
  output: () => string;
}

/** Starts `server/src/main.ts` as its own process on an ephemeral loopback port and resolves once it listens. */
function startNode(name: string, env: Record<string, string>): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    // tests/tsconfig.json maps @beside/shared to its source, so the nodes run the code under test, not a stale build.
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, 'tests/tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${out}`)), 45_000);
    const onData = () => {
      const m = /Beside is running on http:\/\/localhost:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({ name, url: `http://127.0.0.1:${m[1]}`, child, output: () => out });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}

function killNode(node: NodeProcess, signal: NodeJS.Signals): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    node.child.once('exit', () => resolve());
    node.child.kill(signal);
  });
}

describe.skipIf(!enabled)('two nodes on PostgreSQL and Redis', () => {
  const jwtSecret = randomBytes(32).toString('hex');
  const sharedEnv = {
    HOST: '127.0.0.1',
    PORT: '0',
    REDIS_URL: process.env.REDIS_URL ?? '',
    JWT_SECRET: jwtSecret,
    DATA_KEY: randomBytes(32).toString('hex'),
    IP_HASH_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    MATCH_SWEEP_MS: '200',
    CHAT_COOLDOWN_SECONDS: '0',
    // Both nodes are told to create the first admin and start at once: the loser of that race must still start.
    ADMIN_EMAIL: 'first-admin@multinode.test',
    ADMIN_PASSWORD: `admin-${randomBytes(12).toString('hex')}`,
  };
  const tokens = createTokenService(jwtSecret);
  const sockets: ClientSocket[] = [];
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let storage: Storage | undefined;
  let nodeA: NodeProcess;
  let nodeB: NodeProcess;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const env = (name: string) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `beside-${name}-`));
      dataDirs.push(dataDir);
      return { ...sharedEnv, DATABASE_URL: testDb!.url, DATA_DIR: dataDir };
    };
    // Both at once: they race for the migration lock as two real replicas do.
    [nodeA, nodeB] = await Promise.all([startNode('node A', env('a')), startNode('node B', env('b'))]);
    storage = await openStorage({ kind: 'postgres', url: testDb!.url }, createLogger('silent'));
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([nodeA && killNode(nodeA, 'SIGTERM'), nodeB && killNode(nodeB, 'SIGTERM')]);
    await storage?.close();
    await testDb?.drop();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
  });

  async function addStaff(role: 'volunteer' | 'moderator', displayName: string) {
    const password = `password-${randomBytes(8).toString('hex')}`;
    const row = await createStaff(storage!.db, systemClock, {
      email: `${role}-${randomBytes(4).toString('hex')}@multinode.test`,
      password,
      role,
      displayName,
      languages: ['en'],
      topics: [],
      capacity: 1,
      gender: 'unspecified',
      trainedAt: new Date(),
    });
    return { ...row, password };
  }

  async function staffToken(role: 'volunteer' | 'moderator', displayName: string): Promise<string> {
    const row = await addStaff(role, displayName);
    return tokens.signAccess(row.id, role);
  }

  async function open(url: string, token: string): Promise<ClientSocket> {
    const socket = await connect(url, token);
    sockets.push(socket);
    return socket;
  }

  const send = (socket: ClientSocket, conversationId: string, body: string) =>
    ok(socket, 'message:send', { conversationId, clientId: randomUUID(), body });

  it('counts sign-in failures on both nodes together (rate limits live in Redis)', async () => {
    const staff = await addStaff('volunteer', 'Lee');
    const attempt = (url: string, password: string) => postJson(url, '/api/auth/login', { email: staff.email, password });
    // Ten failures in a row block the account from this address: five on each node must be enough.
    for (let i = 0; i < 10; i++) {
      const res = await attempt(i % 2 === 0 ? nodeA.url : nodeB.url, 'not-the-password-at-all');
      expect(res.status).toBe(401);
    }
    for (const node of [nodeA, nodeB]) {
      const res = await attempt(node.url, staff.password);
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ error: { code: 'rate_limited' } });
    }
  });

  it('pairs across nodes, relays both ways and to moderators, and survives losing a node', async () => {
    // The volunteer works on node B, the moderator watches from node A.
    const volunteerToken = await staffToken('volunteer', 'Sam');
    const volunteer = await open(nodeB.url, volunteerToken);
    await ok(volunteer, 'shift:set', { onShift: true });
    const moderator = await open(nodeA.url, await staffToken('moderator', 'Mo'));

    // The survivor comes to node A.
    const session = await postJson<VisitorSessionResponse>(nodeA.url, '/api/visitor/session', undefined);
    expect(session.status).toBe(201);
    const survivor = await open(nodeA.url, session.body.token);
    const startedForVolunteer = next(volunteer, 'conversation:started');
    const startedForSurvivor = next(survivor, 'conversation:started');
    await ok(survivor, 'queue:join', intake());
    const [seenBySurvivor, seenByVolunteer] = (await Promise.all([startedForSurvivor, startedForVolunteer])) as ConversationView[];
    expect(seenBySurvivor!.id).toBe(seenByVolunteer!.id);
    expect(seenBySurvivor!.volunteerName).toBe('Sam');
    const conversationId = seenBySurvivor!.id;

    // A to B, then B to A, each delivered once and in order.
    const atVolunteer = next(volunteer, 'message:new', (m) => m.sender === 'visitor');
    const first = await send(survivor, conversationId, 'Is someone there?');
    expect((await atVolunteer).body).toBe('Is someone there?');
    const atSurvivor = next(survivor, 'message:new', (m) => m.sender === 'volunteer');
    const reply = await send(volunteer, conversationId, "Yes, I'm Sam. I'm listening.");
    const delivered = await atSurvivor;
    expect(delivered).toMatchObject({ body: "Yes, I'm Sam. I'm listening.", seq: 2, senderName: 'Sam' });
    expect([first.seq, reply.seq]).toEqual([1, 2]);

    // The volunteer asks for help on node B; the moderator on node A is alerted.
    const alerted = next(moderator, 'help:requested', (h) => h.conversationId === conversationId);
    const raised = await ok(volunteer, 'help:request', { conversationId });
    expect(await alerted).toMatchObject({ id: raised.id, conversationId, volunteerName: 'Sam', status: 'open' });

    // Node B dies without a chance to clean up. The volunteer's last acknowledged message must already be stored.
    const lastBeforeCrash = await send(volunteer, conversationId, 'Before the crash');
    const volunteerDropped = new Promise<void>((resolve) => volunteer.once('disconnect', () => resolve()));
    await killNode(nodeB, 'SIGKILL');
    await volunteerDropped;

    // While the volunteer is away, the survivor keeps writing through node A.
    const whileAway = await send(survivor, conversationId, 'Are you still there?');
    expect(whileAway.seq).toBe(lastBeforeCrash.seq + 1);

    // The volunteer comes back through node A, is back in the conversation, and catches up.
    const back = await open(nodeA.url, volunteerToken);
    const state = await ok(back, 'session:state', {});
    expect(state.conversations.map((c) => c.id)).toContain(conversationId);
    const missed = await ok(back, 'messages:since', { conversationId, afterSeq: reply.seq });
    expect(missed.map((m) => [m.seq, m.body])).toEqual([
      [lastBeforeCrash.seq, 'Before the crash'],
      [whileAway.seq, 'Are you still there?'],
    ]);

    // And the conversation goes on, both ways, on the surviving node.
    const atSurvivorAgain = next(survivor, 'message:new', (m) => m.sender === 'volunteer');
    await send(back, conversationId, "I'm back, sorry.");
    expect((await atSurvivorAgain).body).toBe("I'm back, sorry.");
    const atVolunteerAgain = next(back, 'message:new', (m) => m.sender === 'visitor');
    await send(survivor, conversationId, 'Thank you.');
    expect((await atVolunteerAgain).body).toBe('Thank you.');

    const all = await ok(survivor, 'messages:since', { conversationId, afterSeq: 0 });
    expect(all.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(all.map((m) => m.clientId)).size).toBe(6);
  });
});
