// Storage-level guarantees on the configured engine (PGlite, or PostgreSQL when DATABASE_URL is set).
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../server/src/db/connect.js';
import { listMigrations } from '../server/src/db/migrate.js';
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
    // Both racing nodes came up (above); every migration is recorded, and a third start finds nothing to do.
    const rows = rowsOf<{ name: string }>(await c.db.execute(sql`SELECT name FROM schema_migrations ORDER BY name`));
    expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
    const tables = rowsOf<{ n: number }>(
      await c.db.execute(sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('messages', 'conversations', 'audit_log')`),
    );
    expect(tables[0]?.n).toBe(3);
  });
});
