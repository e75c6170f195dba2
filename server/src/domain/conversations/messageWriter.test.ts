// Group commit of chat messages: numbering, deduplication and per-message failures inside one batch, and two
// writers (two nodes) racing on the same conversation and the same client id.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, rowsOf, type Storage } from '../../db/connect.js';
import { createLogger } from '../../logger.js';
import { MessageWriter, type PendingMessage } from './messageWriter.js';
import { createTestDatabase } from '../../../../tests/helpers/server.js';

let storage: Storage;
let writer: MessageWriter;

async function newConversation(db: Storage['db'], status: 'active' | 'ended' = 'active'): Promise<string> {
  const visitorId = randomUUID();
  const staffId = randomUUID();
  const id = randomUUID();
  await db.execute(sql`INSERT INTO visitors (id, created_at, last_seen_at) VALUES (${visitorId}, now(), now())`);
  await db.execute(sql`
    INSERT INTO staff (id, email, password_hash, role, display_name, languages, topics, capacity, gender, status, created_at)
    VALUES (${staffId}, ${`${staffId}@test.local`}, 'x', 'volunteer', 'V', '{en}', '{}', 1, 'unspecified', 'active', now())`);
  await db.execute(sql`
    INSERT INTO conversations (id, visitor_id, volunteer_id, topic, language, want, status, last_seq)
    VALUES (${id}, ${visitorId}, ${staffId}, 'workplace', 'en', 'to_be_heard', ${status}, 0)`);
  return id;
}

const message = (conversationId: string, clientId = randomUUID()): PendingMessage => ({
  conversationId,
  clientId,
  senderRole: 'visitor',
  senderId: null,
  kind: 'text',
  bodyEnc: `enc:${clientId}`,
  createdAt: new Date(),
});

async function storedSeqs(db: Storage['db'], conversationId: string): Promise<number[]> {
  const rows = rowsOf<{ seq: number }>(await db.execute(sql`SELECT seq FROM messages WHERE conversation_id = ${conversationId} ORDER BY seq`));
  return rows.map((r) => r.seq);
}

beforeAll(async () => {
  storage = await openStorage({ kind: 'pglite', dataDir: 'memory://' }, createLogger('silent'));
  writer = new MessageWriter(storage.db);
});
afterAll(async () => {
  await storage?.close();
});

describe('the message writer', () => {
  it('numbers a burst of messages per conversation, in the order they were sent', async () => {
    const [a, b] = [await newConversation(storage.db), await newConversation(storage.db)];
    const sent = Array.from({ length: 40 }, (_, i) => message(i % 2 ? a : b));
    const results = await Promise.all(sent.map((m) => writer.append(m)));
    expect(results.map((r) => r.row.seq)).toEqual(sent.map((_, i) => Math.floor(i / 2) + 1));
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(await storedSeqs(storage.db, a)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const [conv] = rowsOf<{ last_seq: number }>(await storage.db.execute(sql`SELECT last_seq FROM conversations WHERE id = ${a}`));
    expect(conv!.last_seq).toBe(20);
  });

  it('stores a client id once, whether the retry comes in the same batch or later', async () => {
    const conv = await newConversation(storage.db);
    const original = message(conv);
    const [first, sameBatch] = await Promise.all([writer.append(original), writer.append({ ...original })]);
    expect(first).toMatchObject({ duplicate: false, row: { seq: 1 } });
    expect(sameBatch).toMatchObject({ duplicate: true, row: { id: first.row.id, seq: 1 } });
    const later = await writer.append({ ...original });
    expect(later).toMatchObject({ duplicate: true, row: { id: first.row.id } });
    expect(await storedSeqs(storage.db, conv)).toEqual([1]);
  });

  it('stores the new messages of a batch that also carries a retry of an earlier one, numbered without a gap', async () => {
    const conv = await newConversation(storage.db);
    const earlier = message(conv);
    await writer.append(earlier);
    // A retry of a stored message makes the plain statement fail on the unique index; the batch is stored again
    // by the checking one, and nothing of the failed attempt remains.
    const [a, retry, b] = await Promise.all([writer.append(message(conv)), writer.append({ ...earlier }), writer.append(message(conv))]);
    expect(retry).toMatchObject({ duplicate: true, row: { seq: 1 } });
    expect([a.row.seq, b.row.seq]).toEqual([2, 3]);
    expect([a.duplicate, b.duplicate]).toEqual([false, false]);
    expect(await storedSeqs(storage.db, conv)).toEqual([1, 2, 3]);
  });

  it('answers a retry that comes after the conversation ended with the message it stored', async () => {
    const conv = await newConversation(storage.db);
    const sent = message(conv);
    const first = await writer.append(sent);
    await storage.db.execute(sql`UPDATE conversations SET status = 'ended' WHERE id = ${conv}`);
    const [retry, fresh] = await Promise.allSettled([writer.append({ ...sent }), writer.append(message(conv))]);
    expect(retry).toMatchObject({ status: 'fulfilled', value: { duplicate: true, row: { id: first.row.id, seq: 1 } } });
    expect(fresh).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    expect(await storedSeqs(storage.db, conv)).toEqual([1]);
  });

  it('refuses a message to an ended conversation without failing the others in its batch', async () => {
    const [live, ended] = [await newConversation(storage.db), await newConversation(storage.db, 'ended')];
    const results = await Promise.allSettled([writer.append(message(live)), writer.append(message(ended)), writer.append(message(live))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    expect(await storedSeqs(storage.db, live)).toEqual([1, 2]);
    expect(await storedSeqs(storage.db, ended)).toEqual([]);
  });

  it('stores the rest of a batch when the database refuses one message', async () => {
    const conv = await newConversation(storage.db);
    const bad = { ...message(conv), senderRole: 'nobody' as PendingMessage['senderRole'] }; // fails the CHECK
    const results = await Promise.allSettled([writer.append(message(conv)), writer.append(bad), writer.append(message(conv))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await storedSeqs(storage.db, conv)).toEqual([1, 2]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two writers on one PostgreSQL database (two nodes)', () => {
  it('never give two messages one number, and store a client id raced from both once', async () => {
    const testDb = (await createTestDatabase())!;
    const logger = createLogger('silent');
    const [one, two] = [await openStorage({ kind: 'postgres', url: testDb.url }, logger), await openStorage({ kind: 'postgres', url: testDb.url }, logger)];
    try {
      const [w1, w2] = [new MessageWriter(one.db), new MessageWriter(two.db)];
      const convs = [await newConversation(one.db), await newConversation(one.db), await newConversation(one.db)];
      const raced = message(convs[0]!);
      const sends: Promise<unknown>[] = [w1.append(raced), w2.append({ ...raced })];
      // Both writers take the conversations in different orders: locks must still be taken without deadlock.
      for (let i = 0; i < 60; i++) {
        sends.push(w1.append(message(convs[i % 3]!)));
        sends.push(w2.append(message(convs[2 - (i % 3)]!)));
      }
      const results = (await Promise.all(sends)) as { duplicate: boolean; row: { id: string } }[];
      expect(results[0]!.row.id).toBe(results[1]!.row.id);
      expect([results[0]!.duplicate, results[1]!.duplicate].sort()).toEqual([false, true]);
      for (const c of convs) {
        const seqs = await storedSeqs(one.db, c);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      }
      const total = (await Promise.all(convs.map((c) => storedSeqs(one.db, c)))).flat().length;
      expect(total).toBe(121);
    } finally {
      await one.close();
      await two.close();
      await testDb.drop();
    }
  });
});
