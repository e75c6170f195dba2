// Micro-benchmark of the message store alone (no sockets): how many messages per second the group-commit writer
// stores, encrypted, on PGlite in memory, PGlite on disk and (when reachable) the PostgreSQL server.
// Run: TSX_TSCONFIG_PATH=bench/tsconfig.json node --import tsx bench/store.ts [pglite-dir|postgres-url]
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../server/src/config.js';
import { openStorage } from '../server/src/db/connect.js';
import { createLogger } from '../server/src/logger.js';
import { MessageWriter } from '../server/src/domain/conversations/messageWriter.js';
import { createFieldCipher } from '../server/src/security/cipher.js';

const target = process.argv[2] ?? 'memory://';
const database: Database = target.startsWith('postgres') ? { kind: 'postgres', url: target } : { kind: 'pglite', dataDir: target };
const storage = await openStorage(database, createLogger('silent'));
const db = storage.db;
const cipher = createFieldCipher(new Map([['k1', randomBytes(32)]]), 'k1');
const staffId = randomUUID();
await db.execute(sql`INSERT INTO staff (id, email, password_hash, role, display_name) VALUES (${staffId}, ${`${staffId}@b.local`}, 'x', 'volunteer', 'V')`);
const conversations: string[] = [];
for (let i = 0; i < 32; i++) {
  const visitorId = randomUUID();
  const id = randomUUID();
  await db.execute(sql`INSERT INTO visitors (id) VALUES (${visitorId})`);
  await db.execute(
    sql`INSERT INTO conversations (id, visitor_id, volunteer_id, topic, language, want) VALUES (${id}, ${visitorId}, ${staffId}, 'other', 'en', 'heard')`,
  );
  conversations.push(id);
}
const writer = new MessageWriter(db);
const body = 'I wanted to tell someone about what happened at work last week, it has been on my mind.';
async function round(n: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      writer.append({
        conversationId: conversations[i % conversations.length]!,
        clientId: randomUUID(),
        senderRole: 'visitor',
        senderId: null,
        kind: 'text',
        bodyEnc: cipher.encrypt(body),
        createdAt: new Date(),
      }),
    ),
  );
  return performance.now() - t0;
}
await round(512);
for (const n of [1, 16, 256, 2048]) {
  const reps = n === 1 ? 200 : n === 16 ? 50 : 5;
  let ms = 0;
  for (let r = 0; r < reps; r++) ms += await round(n);
  console.log(`${storage.kind} ${target.slice(0, 20)}: batch of ${String(n).padStart(4)}: ${(ms / reps).toFixed(2)} ms, ${Math.round((n * reps * 1000) / ms)} msg/s`);
}
await storage.close();
