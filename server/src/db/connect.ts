// Opens storage: embedded PGlite under DATA_DIR (in its own thread), or a PostgreSQL server through pg; same schema and queries.
import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, NodePgSession } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../config.js';
import type { Logger } from '../logger.js';
import { errorFields } from '../logger.js';
import * as schema from './schema.js';
import { runMigrations, type RawSql } from './migrate.js';
import { PgliteInWorker } from './pgliteClient.js';
import { PostgresSignalListener, WorkSignals } from './workSignals.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Storage {
  db: Db;
  kind: Database['kind'];
  /** What committed changes made work of (0014's triggers): on PostgreSQL from every node, embedded from this one. */
  signals: WorkSignals;
  /**
   * How many times this node has gone to the database since it opened (embedded: requests to its thread; PostgreSQL:
   * connections checked out of the pool, one per statement or transaction). What an idle node should not move.
   */
  roundTrips(): number;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStorage(database: Database, logger: Logger): Promise<Storage> {
  if (database.kind === 'pglite') {
    if (!database.dataDir.startsWith('memory://')) fs.mkdirSync(database.dataDir, { recursive: true, mode: 0o700 });
    // PGlite runs in a worker thread: a statement, a checkpoint or a burst of two hundred joins runs beside the socket
    // loop instead of inside it. drizzle's pglite driver talks to it through the same calls it makes on PGlite.
    const signals = new WorkSignals();
    const client = await PgliteInWorker.open(database.dataDir, logger, (payload) => signals.deliver(payload));
    await runMigrations(pgliteRaw(client), logger);
    await client.listen();
    const db = drizzlePglite({ client: client as unknown as PGlite, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      signals,
      roundTrips: () => client.sent,
      ping: async () => {
        await client.query('SELECT 1');
      },
      close: () => client.close(),
    };
  }

  const pool = new pg.Pool({ connectionString: database.url, max: 10, connectionTimeoutMillis: 3000 });
  // A connection losing its server must not crash the process: pg emits 'error' on the pool for an idle client
  // and on the client itself for one checked out (a transaction between statements), where nothing else
  // listens. The statement running, if any, fails with the same error, and the pool drops the dead client.
  pool.on('error', (err) => logger.warn('db.pool_error', errorFields(err)));
  pool.on('connect', (client) => client.on('error', (err) => logger.warn('db.connection_lost', errorFields(err))));
  const migrationClient = await pool.connect();
  try {
    await runMigrations(pgRaw(migrationClient), logger);
  } finally {
    migrationClient.release();
  }
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  db.transaction = transactionsThatAlwaysRelease(db, pool);
  let checkouts = 0;
  pool.on('acquire', () => (checkouts += 1));
  const signals = new WorkSignals();
  const listener = new PostgresSignalListener(database.url, signals, logger);
  await listener.start();
  return {
    db,
    kind: 'postgres',
    signals,
    roundTrips: () => checkouts,
    ping: async () => {
      await db.execute(sql`SELECT 1`);
    },
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * drizzle's pool transaction checks a client out and sends BEGIN before its try/finally: a BEGIN that fails (the
 * server went away between check-out and BEGIN) never gives the client back, and after ten such failures every
 * query waits forever. Here the transaction runs on a checked-out client that is released whatever happens; a
 * client that lost its connection is not queryable and the pool discards it.
 */
function transactionsThatAlwaysRelease(db: Db, pool: pg.Pool): Db['transaction'] {
  // The pool session's dialect, relational schema and options, reused so a transaction builds nothing new.
  type SessionArgs = ConstructorParameters<typeof NodePgSession>;
  const { session, dialect } = db as unknown as { session: { schema: SessionArgs[2]; options: SessionArgs[3] }; dialect: SessionArgs[1] };
  return (async (run: Parameters<Db['transaction']>[0], config?: Parameters<Db['transaction']>[1]) => {
    const client = await pool.connect();
    try {
      const onClient = new NodePgSession(client, dialect, session.schema, session.options);
      return await onClient.transaction(run as never, config);
    } finally {
      client.release();
    }
  }) as Db['transaction'];
}

function pgliteRaw(client: PgliteInWorker): RawSql {
  return {
    exec: async (text) => {
      await client.exec(text);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
  };
}

function pgRaw(client: pg.PoolClient): RawSql {
  return {
    exec: async (text) => {
      await client.query(text);
    },
    query: async <T>(text: string, params: unknown[] = []) =>
      (await client.query(text, params)).rows as T[],
  };
}

/** Rows of a raw `db.execute` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
