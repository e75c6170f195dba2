// Helpers for the privacy and retention tests: a full chat, raw SQL, and a scan of every table for a string.
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { ConversationView, VisitorSessionResponse } from '@beside/shared';
import { expect } from 'vitest';
import { rowsOf, type Db } from '../../server/src/db/connect.js';
import { createFieldCipher } from '../../server/src/security/cipher.js';
import { createIpHasher } from '../../server/src/security/ipHash.js';
import { resolveSecrets } from '../../server/src/security/secrets.js';
import { connect, intake, next, ok, onShiftVolunteer, type ClientSocket } from './clients.js';
import type { TestServer } from './server.js';

export async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

export { marker, randomLetters } from './marker.js';

/**
 * Proves that a stored field is ciphertext of `plaintext` (which carries `marker`): it decrypts to exactly that
 * with the data keys the server was given (configured, or in DATA_DIR/secrets.json; read here, not through the
 * server's own cipher), and neither it nor any of its parts decoded without the key shows the text or the marker.
 * A substring search on ciphertext alone proves nothing: base64url holds any short string now and then.
 */
export function expectSealed(server: TestServer, stored: string, plaintext: string, marker: string): void {
  expect(plaintext, 'the plaintext must carry the marker for this check to mean anything').toContain(marker);
  expect(stored).toMatch(/^v1:[0-9a-f]{8}:[\w-]{16}:[\w-]{22}:[\w-]+$/);
  const secrets = resolveSecrets(server.config.dataDir, server.config.secrets);
  expect(createFieldCipher(secrets.dataKeys, secrets.currentKeyId).decrypt(stored)).toBe(plaintext);
  expect(stored.startsWith(plaintext)).toBe(false);
  expect(stored.toLowerCase()).not.toContain(marker.toLowerCase());
  const needle = Buffer.from(marker, 'utf8');
  for (const part of stored.split(':')) {
    for (const encoding of ['base64url', 'hex'] as const) expect(Buffer.from(part, encoding).includes(needle), encoding).toBe(false);
  }
}

/** The keyed hash a stored `ipHash` must equal, made here with the server's IP-hash secret (not by the server). */
export function keyedIpHash(server: TestServer, ip: string): string {
  return createIpHasher(resolveSecrets(server.config.dataDir, server.config.secrets).ipHashSecret)(ip)!;
}

/** A visitor session created, and its socket connected, from a given client address (needs TRUST_PROXY). */
export async function visitorFrom(
  baseUrl: string,
  forwardedFor?: string,
): Promise<{ socket: ClientSocket; token: string; visitorId: string }> {
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  const res = await fetch(`${baseUrl}/api/visitor/session`, { method: 'POST', headers });
  if (res.status !== 201) throw new Error(`visitor session: ${res.status}`);
  const body = (await res.json()) as VisitorSessionResponse;
  const socket = await connect(baseUrl, body.token, { extraHeaders: headers });
  return { socket, token: body.token, visitorId: body.visitorId };
}

export interface Chat {
  conversation: ConversationView;
  visitor: { socket: ClientSocket; token: string; visitorId: string };
  volunteer: { socket: ClientSocket; token: string; userId: string };
}

/** A survivor queues and is matched with the given (already on shift) volunteer. */
export async function startChat(
  server: TestServer,
  volunteer: Chat['volunteer'],
  forwardedFor?: string,
): Promise<Chat> {
  const visitor = await visitorFrom(server.url, forwardedFor);
  const started = next(visitor.socket, 'conversation:started');
  const volunteerStarted = next(volunteer.socket, 'conversation:started');
  await ok(visitor.socket, 'queue:join', intake());
  const conversation = await started;
  await volunteerStarted;
  return { conversation, visitor, volunteer };
}

/** Both sides say something; returns the bodies as sent. */
export async function exchange(chat: Chat, visitorSays: string, volunteerSays: string): Promise<string[]> {
  const seen = next(chat.volunteer.socket, 'message:new', (m) => m.body === visitorSays);
  await ok(chat.visitor.socket, 'message:send', {
    conversationId: chat.conversation.id,
    clientId: randomUUID(),
    body: visitorSays,
  });
  await seen;
  await ok(chat.volunteer.socket, 'message:send', {
    conversationId: chat.conversation.id,
    clientId: randomUUID(),
    body: volunteerSays,
  });
  return [visitorSays, volunteerSays];
}

export async function endChat(chat: Chat): Promise<void> {
  await ok(chat.visitor.socket, 'conversation:end', { conversationId: chat.conversation.id });
}

export async function onShift(server: TestServer, capacity = 1) {
  const staff = await server.addStaff({ capacity });
  return onShiftVolunteer(server.url, staff);
}

export interface Finding {
  table: string;
  needle: string;
  rows: number;
}

/**
 * Every base table of the public schema, each whole row cast to text (all columns, arrays and JSON included),
 * searched case-insensitively for each needle. Returns where each needle was found.
 */
export async function scanEveryTable(db: Db, needles: string[]): Promise<Finding[]> {
  const tables = await query<{ table_name: string }>(
    db,
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const findings: Finding[] = [];
  for (const { table_name } of tables) {
    for (const needle of needles) {
      const [row] = await query<{ n: number | string }>(
        db,
        sql`SELECT count(*) AS n FROM ${sql.identifier(table_name)} t WHERE strpos(lower(t::text), lower(${needle})) > 0`,
      );
      const n = Number(row?.n ?? 0);
      if (n > 0) findings.push({ table: table_name, needle, rows: n });
    }
  }
  return findings;
}

export async function tableNames(db: Db): Promise<string[]> {
  return (
    await query<{ table_name: string }>(
      db,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    )
  ).map((r) => r.table_name);
}

export async function messageCount(db: Db, conversationId: string): Promise<number> {
  const [row] = await query<{ n: number | string }>(
    db,
    sql`SELECT count(*) AS n FROM messages WHERE conversation_id = ${conversationId}`,
  );
  return Number(row?.n ?? 0);
}
