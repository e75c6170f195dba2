// Applies the SQL files in server/migrations once each, in order, under an advisory lock (safe with two nodes).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.js';

export interface RawSql {
  exec(text: string): Promise<void>;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
}

/** Any fixed number; every node takes the same lock before migrating. */
const MIGRATION_LOCK_KEY = 7_270_001;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

export async function runMigrations(raw: RawSql, logger: Logger, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await raw.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await raw.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await raw.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    for (const m of listMigrations(dir)) {
      if (done.has(m.name)) continue;
      await raw.exec('BEGIN');
      try {
        await raw.exec(m.sql);
        await raw.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
        await raw.exec('COMMIT');
      } catch (err) {
        await raw.exec('ROLLBACK');
        throw err;
      }
      applied.push(m.name);
      logger.info('db.migrated', { migration: m.name });
    }
  } finally {
    await raw.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
  return applied;
}
