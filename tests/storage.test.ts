// Storage-level guarantees on the configured engine (PGlite, or PostgreSQL when DATABASE_URL is set).
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../server/src/db/connect.js';
import { createLogger } from '../server/src/logger.js';
import { createTestDatabase } from './helpers/server.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe.skipIf(!process.env.DATABASE_URL)('on the PostgreSQL server', () => {
  it('two nodes starting at once migrate the same database safely', async () => {
    const testDb = await createTestDatabase();
    cleanups.push(() => testDb!.drop());
    const logger = createLogger('silent');
    const [a, b] = await Promise.all([
      openStorage({ kind: 'postgres', url: testDb!.url }, logger),
      openStorage({ kind: 'postgres', url: testDb!.url }, logger),
    ]);
    cleanups.push(() => a.close(), () => b.close());
    await a.ping();
    await b.ping();
    const c = await openStorage({ kind: 'postgres', url: testDb!.url }, logger);
    cleanups.push(() => c.close());
    const { sql } = await import('drizzle-orm');
    const { rowsOf } = await import('../server/src/db/connect.js');
    const rows = rowsOf<{ name: string; n: number }>(
      await c.db.execute(sql`SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name`),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });
});
