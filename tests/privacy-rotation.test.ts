// Key rotation: old ciphertexts still decrypt under a new key until `rotate-keys` re-encrypts them; then the old key can go.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Each case restarts the server on on-disk storage and runs the command as its own process: slow by nature.
const SLOW = { timeout: 240_000 };
import { sql } from 'drizzle-orm';
import type { MessagesResponse } from '@beside/shared';
import { keyIdOf } from '../server/src/security/secrets.js';
import { getJson } from './helpers/clients.js';
import { endChat, exchange, onShift, query, startChat } from './helpers/privacy.js';
import { createTestDatabase, startTestServer, type TestServer } from './helpers/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** One data directory and one database, kept across restarts of the server and runs of the command. */
async function storagePlace() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-rotation-'));
  const testDb = await createTestDatabase();
  cleanups.push(async () => {
    await testDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { dataDir, databaseUrl: testDb?.url };
}

type Place = Awaited<ReturnType<typeof storagePlace>>;

async function withServer<T>(place: Place, env: Record<string, string>, run: (s: TestServer) => Promise<T>): Promise<T> {
  const server = await startTestServer({ dataDir: place.dataDir, databaseUrl: place.databaseUrl, env });
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

/** Runs the real command (`npm run rotate-keys` runs the same file, compiled) against the place. */
function rotateKeys(place: Place, env: Record<string, string>, args: string[] = []) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/rotateKeys.ts', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TSX_TSCONFIG_PATH: 'tests/tsconfig.json',
        DATA_DIR: place.dataDir,
        LOG_LEVEL: 'warn',
        ...(place.databaseUrl ? { DATABASE_URL: place.databaseUrl } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

async function chatWith(server: TestServer, lines: [string, string]) {
  const chat = await startChat(server, await onShift(server));
  await exchange(chat, ...lines);
  await endChat(chat);
  chat.visitor.socket.close();
  chat.volunteer.socket.close();
  return chat;
}

async function keyIdsInUse(server: TestServer): Promise<string[]> {
  const rows = await query<{ k: string }>(server.ctx.db, sql`SELECT DISTINCT split_part(body_enc, ':', 2) AS k FROM messages ORDER BY 1`);
  return rows.map((r) => r.k);
}

async function history(server: TestServer, conversationId: string, visitorToken: string) {
  return getJson<MessagesResponse>(server.url, `/api/conversations/${conversationId}/messages`, visitorToken);
}

describe('rotating a configured DATA_KEY', () => {
  it('old rows decrypt with the previous key, rotate-keys re-encrypts them, then the old key is not needed', SLOW, async () => {
    const place = await storagePlace();
    const keyA = randomBytes(32).toString('hex');
    const keyB = randomBytes(32).toString('hex');

    const old = await withServer(place, { DATA_KEY: keyA }, async (s) => {
      const chat = await chatWith(s, ['written under the first key', 'reply under the first key']);
      expect(await keyIdsInUse(s)).toEqual([keyIdOf(keyA)]);
      return chat;
    });

    // Step 1: every node gets the new key, and the old one as a previous key. Old rows still read.
    const fresh = await withServer(place, { DATA_KEY: keyB, DATA_KEYS_PREVIOUS: keyA }, async (s) => {
      const res = await history(s, old.conversation.id, old.visitor.token);
      expect(res.status).toBe(200);
      expect(res.body.messages.map((m) => m.body)).toEqual(['written under the first key', 'reply under the first key']);
      const chat = await chatWith(s, ['written under the second key', 'reply under the second key']);
      expect(await keyIdsInUse(s)).toEqual([keyIdOf(keyA), keyIdOf(keyB)].sort());
      return chat;
    });

    // Without the previous key the old rows are unreadable, and the command says so instead of losing them.
    const refused = await rotateKeys(place, { DATA_KEY: keyB });
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/2 value\(s\) could not be decrypted/);

    // Step 2: rotate-keys re-encrypts what the old key made, and only that.
    const run = await rotateKeys(place, { DATA_KEY: keyB, DATA_KEYS_PREVIOUS: keyA });
    expect(run.out).toContain('messages.body_enc: 2 re-encrypted');
    expect(run.out).toContain(`No value uses key(s) ${keyIdOf(keyA)} any more`);
    expect(run.code).toBe(0);
    expect(run.out).not.toContain(keyA);
    expect(run.out).not.toContain(keyB);

    // Step 3: the old key is gone from the configuration; everything still reads.
    await withServer(place, { DATA_KEY: keyB }, async (s) => {
      expect(await keyIdsInUse(s)).toEqual([keyIdOf(keyB)]);
      const before = await history(s, old.conversation.id, old.visitor.token);
      expect(before.body.messages.map((m) => m.body)).toEqual(['written under the first key', 'reply under the first key']);
      const after = await history(s, fresh.conversation.id, fresh.visitor.token);
      expect(after.body.messages.map((m) => m.body)).toEqual(['written under the second key', 'reply under the second key']);
      const audit = await query<{ details: { rotated: number } }>(
        s.ctx.db,
        sql`SELECT details FROM audit_log WHERE action = 'keys.rotated' ORDER BY id`,
      );
      expect(audit.map((a) => a.details.rotated)).toEqual([0, 2]);
    });
  });
});

describe('rotating the generated key (embedded mode, key in secrets.json)', () => {
  it('--new-key --forget-previous replaces the key, re-encrypts, and leaves only the new key, mode 0600', SLOW, async () => {
    const place = await storagePlace();
    const old = await withServer(place, {}, (s) => chatWith(s, ['kept in the file key', 'and its reply']));
    const secretsFile = path.join(place.dataDir, 'secrets.json');
    const before = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as { dataKeyHex: string; jwtSecret: string };

    const run = await rotateKeys(place, {}, ['--new-key', '--forget-previous']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('messages.body_enc: 2 re-encrypted');
    expect(run.out).toContain(`Forgot previous key(s) ${keyIdOf(before.dataKeyHex)}`);

    const after = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as {
      dataKeyHex: string;
      jwtSecret: string;
      previousDataKeysHex: string[];
    };
    expect(after.dataKeyHex).not.toBe(before.dataKeyHex);
    expect(after.previousDataKeysHex).toEqual([]);
    expect(after.jwtSecret).toBe(before.jwtSecret);
    expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);

    await withServer(place, {}, async (s) => {
      expect(await keyIdsInUse(s)).toEqual([keyIdOf(after.dataKeyHex)]);
      const res = await history(s, old.conversation.id, old.visitor.token);
      expect(res.body.messages.map((m) => m.body)).toEqual(['kept in the file key', 'and its reply']);
    });
  });

  it('refuses --new-key when the key comes from DATA_KEY (it is not the command’s to replace)', SLOW, async () => {
    const place = await storagePlace();
    const run = await rotateKeys(place, { DATA_KEY: randomBytes(32).toString('hex') }, ['--new-key']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/DATA_KEY is set/);
  });
});
