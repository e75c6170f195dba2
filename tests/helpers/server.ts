// Starts a real Beside server on an ephemeral port: fresh in-memory PGlite, or a fresh database on DATABASE_URL.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../server/src/config.js';
import type { Clock } from '../../server/src/domain/core/clock.js';
import { createStaff, type StaffRow } from '../../server/src/domain/staff/accounts.js';
import { createLogger, type Logger } from '../../server/src/logger.js';
import { startServer, type RunningServer } from '../../server/src/server.js';
import type { Language, Role, Topic, VolunteerGender } from '@beside/shared';

export interface TestServer extends RunningServer {
  config: Config;
  /** Creates a staff account directly (invites are tested on their own) and returns it with its password. */
  addStaff(opts?: Partial<StaffSeed>): Promise<StaffRow & { password: string }>;
  /** An access token for a staff member without the sign-in flow (which is tested on its own). */
  tokenFor(staff: { id: string; role: string }): string;
  stop(): Promise<void>;
}

export interface StaffSeed {
  role: Role;
  displayName: string;
  languages: Language[];
  topics: Topic[];
  capacity: number;
  gender: VolunteerGender;
  trained: boolean;
}

/** A fresh PostgreSQL database for one test file, dropped afterwards; undefined when DATABASE_URL is unset. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const base = process.env.DATABASE_URL;
  if (!base) return undefined;
  const name = `beside_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestServerOptions {
  clock?: Clock;
  env?: Record<string, string>;
  /** Reuse a database (for restart tests); otherwise a fresh one. */
  databaseUrl?: string;
  dataDir?: string;
  /** Where the server logs (silent by default); privacy tests capture it. */
  logger?: Logger;
  /** Where the start-up announcements (the first-admin setup link) go; dropped by default. */
  announce?: (text: string) => void;
  /** Serve this folder as the built client instead of client/dist (which `npm test` does not build). */
  clientDir?: string;
}

let counter = 0;

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const testDb = opts.databaseUrl ? undefined : await createTestDatabase();
  const dataDir = opts.dataDir ?? path.join(os.tmpdir(), `beside-test-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`);
  const databaseUrl = opts.databaseUrl ?? testDb?.url;
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      MATCH_SWEEP_MS: '200',
      CHAT_COOLDOWN_SECONDS: '0',
      // Many test clients share 127.0.0.1; the limits themselves are tested with their real values.
      CONNECTIONS_PER_IP_PER_MINUTE: '100000',
      OPEN_CONNECTIONS_PER_IP: '100000',
      SESSIONS_PER_IP_PER_HOUR: '100000',
      QUEUE_JOINS_PER_IP_PER_HOUR: '100000',
      URGENT_PER_IP_PER_HOUR: '100000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...opts.env,
    },
    [],
  );
  if (!databaseUrl && !opts.dataDir) config.database = { kind: 'pglite', dataDir: 'memory://' };
  if (opts.clientDir) config.clientDir = opts.clientDir;
  const server = await startServer(config, {
    clock: opts.clock,
    logger: opts.logger ?? createLogger('silent'),
    announce: opts.announce ?? (() => {}),
  });
  let n = 0;
  return {
    ...server,
    config,
    addStaff: async (seed = {}) => {
      const password = `test-password-${randomBytes(4).toString('hex')}`;
      const row = await createStaff(server.ctx.db, server.ctx.clock, {
        email: `staff${++n}-${randomBytes(3).toString('hex')}@test.local`,
        password,
        role: seed.role ?? 'volunteer',
        displayName: seed.displayName ?? `Volunteer${n}`,
        languages: seed.languages ?? ['en'],
        topics: seed.topics ?? [],
        capacity: seed.capacity ?? 1,
        gender: seed.gender ?? 'unspecified',
        trainedAt: seed.trained === false ? null : server.ctx.clock.now(),
      });
      return { ...row, password };
    },
    tokenFor: (staff) => server.ctx.tokens.signAccess(staff.id, staff.role as Role),
    stop: async () => {
      await server.close();
      await testDb?.drop();
    },
  };
}
