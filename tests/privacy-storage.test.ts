// After a full chat, nothing in the database reveals what was said or where anyone connected from.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LoginResponse } from '@beside/shared';
import { createFieldCipher } from '../server/src/security/cipher.js';
import { keyIdOf } from '../server/src/security/secrets.js';
import { connect, next, ok, onShiftVolunteer } from './helpers/clients.js';
import { endChat, exchange, expectSealed, marker as randomMarker, query, scanEveryTable, startChat, tableNames } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const SURVIVOR_IP = '203.0.113.77';
const VOLUNTEER_IP = '198.51.100.23';
const DATA_KEY = randomBytes(32).toString('hex');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true', DATA_KEY } });
}, 180_000); // starting embedded PostgreSQL (WASM) can be slow on a busy machine
afterAll(async () => {
  await server?.stop();
});

/** Signs in and goes on shift from a given address, as the volunteer console does. */
async function volunteerFrom(ip: string) {
  const staff = await server.addStaff({ displayName: 'Sam' });
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email: staff.email, password: staff.password }),
  });
  expect(res.status).toBe(200);
  const login = (await res.json()) as LoginResponse;
  const socket = await connect(server.url, login.accessToken, { extraHeaders: { 'x-forwarded-for': ip } });
  await ok(socket, 'shift:set', { onShift: true });
  return { socket, token: login.accessToken, userId: login.user.id, password: staff.password };
}

function sha256(s: string, encoding: 'hex' | 'base64url') {
  return createHash('sha256').update(s).digest(encoding);
}

describe('after a full chat and a quick exit', () => {
  it('no table holds message text, an IP address, a token or a password; bodies are AES-GCM ciphertext', { timeout: 120_000 }, async () => {
    const volunteer = await volunteerFrom(VOLUNTEER_IP);
    const chat = await startChat(server, volunteer, SURVIVOR_IP);
    const marker = randomMarker('stockroom');
    const sent = await exchange(
      chat,
      `My manager cornered me in the stockroom after close ${marker}`,
      `That sounds frightening, and the blame sits with him ${marker}`,
    );
    const [second, fourth] = await exchange(
      chat,
      `I could not tell anyone at Larkspur Logistics about it ${marker}`,
      `Would you like some numbers you could call? ${marker}`,
    );
    await endChat(chat);

    // A second survivor leaves with the quick exit (a beacon: text/plain, token in the body).
    const other = await startChat(server, volunteer, SURVIVOR_IP);
    await exchange(other, `Someone at home reads my phone ${marker}`, `You can leave this page at any time ${marker}`);
    const volunteerTold = next(volunteer.socket, 'conversation:ended');
    const exit = await fetch(`${server.url}/api/visitor/exit`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-forwarded-for': SURVIVOR_IP },
      body: JSON.stringify({ token: other.visitor.token }),
    });
    expect(exit.status).toBe(204);
    expect((await volunteerTold).reason).toBe('visitor_left');

    // Distinctive phrases only: staff-authored templates (canned responses, resources) are plain text by design.
    const needles = [
      marker,
      'cornered me in the stockroom',
      'blame sits with him',
      'Larkspur Logistics',
      'reads my phone',
      SURVIVOR_IP,
      VOLUNTEER_IP,
      '127.0.0.1',
      // an unkeyed hash of an IP is as good as the IP: there are only 2^32 of them
      sha256(SURVIVOR_IP, 'hex'),
      sha256(SURVIVOR_IP, 'base64url'),
      chat.visitor.token,
      other.visitor.token,
      volunteer.token,
      volunteer.password,
      DATA_KEY,
    ];
    const db = server.ctx.db;
    expect(await scanEveryTable(db, needles)).toEqual([]);

    // The scan does see rows: the conversation id is in the conversation and message tables, and the
    // survivor's address arrived (its keyed hash, and only that, is stored).
    const seen = await scanEveryTable(db, [chat.conversation.id, server.ctx.hashIp(SURVIVOR_IP)!]);
    expect(seen.map((f) => f.table)).toEqual(expect.arrayContaining(['conversations', 'messages', 'visitors']));
    expect((await tableNames(db)).length).toBeGreaterThan(5);

    const rows = await query<{ body_enc: string }>(
      db,
      sql`SELECT body_enc FROM messages WHERE conversation_id = ${chat.conversation.id} ORDER BY seq`,
    );
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.body_enc).toMatch(new RegExp(`^v1:${keyIdOf(DATA_KEY)}:[\\w-]{16}:[\\w-]{22}:[\\w-]+$`));
    // Decrypted with the key this test configured, not through the server's cipher.
    const ownKey = createFieldCipher(new Map([[keyIdOf(DATA_KEY), Buffer.from(DATA_KEY, 'hex')]]), keyIdOf(DATA_KEY));
    const bodies = [...sent, second!, fourth!];
    expect(rows.map((r) => ownKey.decrypt(r.body_enc))).toEqual(bodies);
    for (const [i, r] of rows.entries()) expectSealed(server, r.body_enc, bodies[i]!, marker);

    chat.visitor.socket.close();
    other.visitor.socket.close();
    volunteer.socket.close();
  });

  it('keeps the generated keys in a file only its owner can read (mode 0600)', () => {
    const stat = fs.statSync(path.join(server.config.dataDir, 'secrets.json'));
    expect(stat.mode & 0o777).toBe(0o600);
  });
});

describe.skipIf(!!process.env.DATABASE_URL)('embedded storage on disk', () => {
  it('a copy of the data directory holds no message text or IP in any file, WAL included', { timeout: 120_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-privacy-disk-'));
    const disk = await startTestServer({ dataDir, env: { TRUST_PROXY: 'true' } });
    const marker = randomMarker('stockroom');
    const staff = await disk.addStaff();
    const staffEmail = staff.email;
    try {
      const volunteer = await onShiftVolunteer(disk.url, staff);
      const chat = await startChat(disk, volunteer, SURVIVOR_IP);
      await exchange(chat, `He followed me to the car park ${marker}`, `I am glad you told me ${marker}`);
      await endChat(chat);
      chat.visitor.socket.close();
      volunteer.socket.close();
    } finally {
      await disk.stop();
    }
    const hits: string[] = [];
    const needles = [marker, 'followed me to the car park', SURVIVOR_IP].map((n) => Buffer.from(n, 'utf8'));
    // Control: what is stored in clear (a staff e-mail address) is found by the same search.
    const control = Buffer.from(staffEmail, 'utf8');
    let controlFound = false;
    let files = 0;
    for (const file of fs.readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      files += 1;
      const full = path.join(file.parentPath, file.name);
      const bytes = fs.readFileSync(full);
      for (const n of needles) if (bytes.includes(n)) hits.push(`${path.relative(dataDir, full)}: ${n.toString()}`);
      controlFound ||= bytes.includes(control);
    }
    expect(files).toBeGreaterThan(10);
    expect(controlFound).toBe(true);
    expect(hits).toEqual([]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
