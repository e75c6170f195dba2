// Storage-level guarantees on the configured engine (PGlite, or PostgreSQL when DATABASE_URL is set).
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../server/src/db/connect.js';
import { listMigrations } from '../server/src/db/migrate.js';
import { createLogger } from '../server/src/logger.js';
import { createTestDatabase } from './helpers/server.js';
import { proxiedTestDatabase } from './helpers/tcpProxy.js';

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

  it('survives losing the server in the middle of a transaction, and gets its connections back', async () => {
    const { url, proxy, drop } = await proxiedTestDatabase();
    cleanups.push(drop);
    const storage = await openStorage({ kind: 'postgres', url }, createLogger('silent'));
    const { sql } = await import('drizzle-orm');

    // A transaction waiting on other work holds its connection with no query running: losing the server then
    // must fail the transaction, not throw an unhandled 'error' event that would end the process.
    let carryOn!: () => void;
    const held = new Promise<void>((resolve) => (carryOn = resolve));
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const waiting = storage.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`);
      inside();
      await held;
      await tx.execute(sql`SELECT 2`);
    });
    const outcome = waiting.then(() => 'committed', () => 'failed');
    await entered;
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 100));
    carryOn();
    expect(await outcome).toBe('failed');
    await proxy.restore();

    // More transactions than the pool has connections, each failing at its first statement: every connection
    // must go back to the pool, or the server would stall for good once ten had failed.
    for (let i = 0; i < 12; i++) {
      await expect(
        storage.db.transaction(async () => undefined, { isolationLevel: 'no such level' as 'serializable' }),
      ).rejects.toThrow();
    }
    const counts = await Promise.all(
      Array.from({ length: 20 }, () => storage.db.transaction(async (tx) => rowsCount(await tx.execute(sql`SELECT 1`)))),
    );
    expect(counts).toEqual(Array(20).fill(1));
    await storage.close();
  }, 30_000);
});

function rowsCount(result: unknown): number {
  return ((result as { rows?: unknown[] }).rows ?? []).length;
}
