// Batched conversation reads: the same answers as one read each, and one bad id cannot fail the others.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../db/connect.js';
import { createLogger } from '../../logger.js';
import { loadConversation } from './loader.js';

let storage: Storage;

async function newConversation(): Promise<string> {
  const [visitorId, staffId, id] = [randomUUID(), randomUUID(), randomUUID()];
  await storage.db.execute(sql`INSERT INTO visitors (id, created_at, last_seen_at) VALUES (${visitorId}, now(), now())`);
  await storage.db.execute(sql`
    INSERT INTO staff (id, email, password_hash, role, display_name, languages, topics, capacity, gender, status, created_at)
    VALUES (${staffId}, ${`${staffId}@test.local`}, 'x', 'volunteer', 'V', '{en}', '{}', 1, 'unspecified', 'active', now())`);
  await storage.db.execute(sql`
    INSERT INTO conversations (id, visitor_id, volunteer_id, topic, language, want, status, last_seq)
    VALUES (${id}, ${visitorId}, ${staffId}, 'workplace', 'en', 'to_be_heard', 'active', 0)`);
  return id;
}

beforeAll(async () => {
  storage = await openStorage({ kind: 'pglite', dataDir: 'memory://' }, createLogger('silent'));
});
afterAll(async () => {
  await storage?.close();
});

describe('loadConversation', () => {
  it('answers a burst of reads, repeated and unknown ids included, each with its own row', async () => {
    const [a, b] = [await newConversation(), await newConversation()];
    const unknown = randomUUID();
    const rows = await Promise.all([a, b, a, unknown, 'not-a-uuid', b].map((id) => loadConversation(storage.db, id)));
    expect(rows.map((r) => r?.id)).toEqual([a, b, a, undefined, undefined, b]);
  });

  it('sees what was committed before it was asked for', async () => {
    const id = await newConversation();
    expect((await loadConversation(storage.db, id))?.lastSeq).toBe(0);
    await storage.db.execute(sql`UPDATE conversations SET last_seq = 7 WHERE id = ${id}`);
    expect((await loadConversation(storage.db, id))?.lastSeq).toBe(7);
  });
});
