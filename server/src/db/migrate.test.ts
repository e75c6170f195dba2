import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { listMigrations, runMigrations, type RawSql } from './migrate.js';

const raw = (client: PGlite): RawSql => ({
  exec: async (t) => {
    await client.exec(t);
  },
  query: async <T>(t: string, p: unknown[] = []) => (await client.query<T>(t, p)).rows,
});

describe('migrations', () => {
  it('apply every file once, and a second run applies nothing', async () => {
    const client = await PGlite.create('memory://');
    const logger = createLogger('silent');
    const first = await runMigrations(raw(client), logger);
    expect(first).toEqual(listMigrations().map((m) => m.name));
    expect(await runMigrations(raw(client), logger)).toEqual([]);
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['messages', 'conversations', 'audit_log']));
    await client.close();
  });

  it('keep the audit log append-only in the database itself', async () => {
    const client = await PGlite.create('memory://');
    await runMigrations(raw(client), createLogger('silent'));
    await client.query("INSERT INTO audit_log (actor_role, action) VALUES ('system', 'test.event')");
    await expect(client.query("UPDATE audit_log SET action = 'changed'")).rejects.toThrow(/append-only/);
    await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await client.close();
  });
});
