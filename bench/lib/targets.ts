// Starts what the benchmark measures, each server as its own process pinned to the server core: the bare relay,
// Beside embedded, Beside on PostgreSQL, and two Beside nodes on PostgreSQL + Redis; seeds Beside's accounts first.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Database } from '../../server/src/config.js';
import { openStorage } from '../../server/src/db/connect.js';
import { systemClock } from '../../server/src/domain/core/clock.js';
import { createStaff } from '../../server/src/domain/staff/accounts.js';
import { createVisitor } from '../../server/src/domain/conversations/visitors.js';
import { createLogger } from '../../server/src/logger.js';
import type { TargetInfo } from '../loadgen.js';
import type { ProbeEld, ProbeMemory, ProbeRequest } from './probe.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSCONFIG = path.join(ROOT, 'bench/tsconfig.json');
const PROBE = pathToFileURL(path.join(ROOT, 'bench/lib/probe.ts')).href;

export const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
export const cores = os.availableParallelism();

/** Runs node with tsx (and the probe when asked), pinned to `core` when taskset exists and there are two cores. */
export function spawnNode(
  script: string,
  env: Record<string, string>,
  core: number | undefined,
  opts: { probe?: boolean; ipc?: boolean } = {},
): ChildProcess {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every measured server (open it in Chrome DevTools).
  const profile = opts.probe && process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const nodeArgs = ['--expose-gc', ...profile, '--import', 'tsx', ...(opts.probe ? ['--import', PROBE] : []), script];
  const pin = core !== undefined && hasTaskset && cores >= 2;
  const [cmd, args] = pin ? ['taskset', ['-c', String(core), process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  return spawn(cmd, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TSX_TSCONFIG_PATH: TSCONFIG, ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(opts.ipc || opts.probe ? (['ipc'] as const) : [])],
    // Structured clone over IPC keeps Infinity (an undelivered message) as Infinity rather than null.
    serialization: 'advanced',
  });
}

export interface ServerNode {
  url: string;
  child: ChildProcess;
  probe<T>(req: ProbeRequest): Promise<T>;
  stop(): Promise<void>;
}

let probeIds = 0;

async function startServerNode(script: string, env: Record<string, string>, core: number | undefined): Promise<ServerNode> {
  const child = spawnNode(script, { PORT: '0', HOST: '127.0.0.1', ...env }, core, { probe: true });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // BENCH_SERVER_LOGS=1 shows what the measured servers log (warnings and errors at LOG_LEVEL=warn).
  if (process.env.BENCH_SERVER_LOGS) child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${path.basename(script)}] ${d.toString()}`));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out.slice(-3000)}`)), 60_000);
    const check = () => {
      const m = /running on http:\/\/localhost:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[bench] ${script} exited unexpectedly (${code ?? signal}):\n${out.slice(-3000)}\n`);
  });
  let stopping = false;
  const replies = new Map<number, (data: unknown) => void>();
  child.on('message', (m: { probeReply?: number; data?: unknown }) => {
    if (typeof m?.probeReply === 'number') replies.get(m.probeReply)?.(m.data);
  });
  return {
    url,
    child,
    probe: <T>(req: ProbeRequest) =>
      new Promise<T>((resolve, reject) => {
        const id = ++probeIds;
        const timer = setTimeout(() => reject(new Error('probe timeout')), 10_000);
        replies.set(id, (data) => {
          clearTimeout(timer);
          replies.delete(id);
          resolve(data as T);
        });
        child.send({ ...req, id });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface Seed {
  pairVolunteerIds: string[];
  matchVolunteerIds: string[];
  pairVisitorIds: string[];
  matchVisitorIds: string[];
  idleVisitorIds: string[];
  /** Moderators (the surge benchmark's alerts go to them). */
  moderatorIds: string[];
}

export interface SeedCounts {
  pairs: number;
  matchVolunteers: number;
  matchSamples: number;
  /** Matches made first and not timed, on every target alike. */
  matchWarmup: number;
  idle: number;
  moderators?: number;
}

export interface Target {
  name: string;
  info: TargetInfo;
  nodes: ServerNode[];
  seed: Seed;
  /** Memory and event-loop delay summed or worst over the nodes. */
  memory(): Promise<ProbeMemory>;
  eldStart(): Promise<void>;
  eldStop(): Promise<ProbeEld>;
  stop(): Promise<void>;
}

function combine(nodes: ServerNode[], extra: () => Promise<void>): Pick<Target, 'memory' | 'eldStart' | 'eldStop' | 'stop'> {
  return {
    memory: async () => {
      const all = await Promise.all(nodes.map((n) => n.probe<ProbeMemory>({ probe: 'memory' })));
      return all.reduce((a, b) => ({
        rss: a.rss + b.rss,
        heapUsed: a.heapUsed + b.heapUsed,
        external: a.external + b.external,
        arrayBuffers: a.arrayBuffers + b.arrayBuffers,
      }));
    },
    eldStart: async () => {
      await Promise.all(nodes.map((n) => n.probe({ probe: 'eld-start' })));
    },
    eldStop: async () => {
      const all = await Promise.all(nodes.map((n) => n.probe<ProbeEld>({ probe: 'eld-stop' })));
      return all.reduce((a, b) => ({ p50: Math.max(a.p50, b.p50), p99: Math.max(a.p99, b.p99), max: Math.max(a.max, b.max), mean: Math.max(a.mean, b.mean) }));
    },
    stop: async () => {
      await Promise.all(nodes.map((n) => n.stop()));
      await extra();
    },
  };
}

export async function startBaseline(core: number | undefined, counts: SeedCounts): Promise<Target> {
  const node = await startServerNode('bench/baseline-relay.ts', {}, core);
  const none = (n: number) => Array.from({ length: n }, () => '');
  return {
    name: 'bare Socket.IO relay',
    info: { kind: 'baseline', visitorUrl: node.url, volunteerUrl: node.url, nodeUrls: [node.url] },
    nodes: [node],
    seed: {
      pairVolunteerIds: none(counts.pairs),
      matchVolunteerIds: none(counts.matchVolunteers),
      pairVisitorIds: none(counts.pairs),
      matchVisitorIds: none(counts.matchSamples + counts.matchWarmup),
      idleVisitorIds: none(counts.idle),
      moderatorIds: none(counts.moderators ?? 0),
    },
    ...combine([node], async () => {}),
  };
}

/** Creates the accounts the load generator signs in as, straight into the database the target will open. */
export async function seedBeside(database: Database, counts: SeedCounts): Promise<Seed> {
  const storage = await openStorage(database, createLogger('silent'));
  try {
    const password = `bench-${randomBytes(8).toString('hex')}`;
    const volunteer = async (i: number, role: 'volunteer' | 'moderator' = 'volunteer') =>
      (
        await createStaff(storage.db, systemClock, {
          email: `bench-${role}-${i}-${randomBytes(3).toString('hex')}@bench.local`,
          password,
          role,
          displayName: `${role === 'volunteer' ? 'Volunteer' : 'Moderator'} ${i}`,
          languages: ['en'],
          topics: [],
          capacity: 1,
          gender: 'unspecified',
          trainedAt: new Date(),
        })
      ).id;
    const many = async (n: number, make: (i: number) => Promise<string>) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i += 50) ids.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => make(i + j)))));
      return ids;
    };
    const visitor = () => createVisitor(storage.db, systemClock, null);
    return {
      pairVolunteerIds: await many(counts.pairs, volunteer),
      matchVolunteerIds: await many(counts.matchVolunteers, (i) => volunteer(counts.pairs + i)),
      pairVisitorIds: await many(counts.pairs, visitor),
      matchVisitorIds: await many(counts.matchSamples + counts.matchWarmup, visitor),
      idleVisitorIds: await many(counts.idle, visitor),
      moderatorIds: await many(counts.moderators ?? 0, (i) => volunteer(i, 'moderator')),
    };
  } finally {
    await storage.close();
  }
}

export function besideEnv(dataDir: string, jwtSecret: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    JWT_SECRET: jwtSecret,
    DATA_KEY: randomBytes(32).toString('hex'),
    IP_HASH_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    CHAT_COOLDOWN_SECONDS: '0',
    HIGH_RISK_COOLDOWN_SECONDS: '0',
    // Limits stay on (their cost is part of the hot path) but so high that the generator never trips them.
    RATE_LIMIT_MESSAGES_PER_10S: '100000000',
    RATE_LIMIT_EVENTS_PER_10S: '100000000',
    CONNECTIONS_PER_IP_PER_MINUTE: '100000000',
    // One address plays every survivor: the flood limits per address (held-open connections, sessions, queue
    // entries, urgent entries) would otherwise refuse the generator after a few dozen.
    OPEN_CONNECTIONS_PER_IP: '100000000',
    SESSIONS_PER_IP_PER_HOUR: '100000000',
    QUEUE_JOINS_PER_IP_PER_HOUR: '100000000',
    URGENT_PER_IP_PER_HOUR: '100000000',
    // An admin from config keeps the start-up quiet (no set-up link) and is never used.
    ADMIN_EMAIL: 'bench-admin@bench.local',
    ADMIN_PASSWORD: `bench-${randomBytes(12).toString('hex')}`,
  };
}

export async function startEmbedded(core: number | undefined, counts: SeedCounts): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-bench-'));
  const jwtSecret = randomBytes(32).toString('hex');
  const seed = await seedBeside({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') }, counts);
  const node = await startServerNode('server/src/main.ts', besideEnv(dataDir, jwtSecret), core);
  return {
    name: 'Beside, embedded (PGlite)',
    info: { kind: 'beside', visitorUrl: node.url, volunteerUrl: node.url, nodeUrls: [node.url], jwtSecret },
    nodes: [node],
    seed,
    ...combine([node], async () => fs.rmSync(dataDir, { recursive: true, force: true })),
  };
}

/** A fresh database on the PostgreSQL server for one target, dropped when it stops. */
export async function freshDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `beside_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startPostgres(core: number | undefined, counts: SeedCounts, databaseUrl: string): Promise<Target> {
  const db = await freshDatabase(databaseUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-bench-'));
  const jwtSecret = randomBytes(32).toString('hex');
  const seed = await seedBeside({ kind: 'postgres', url: db.url }, counts);
  const node = await startServerNode('server/src/main.ts', { ...besideEnv(dataDir, jwtSecret), DATABASE_URL: db.url }, core);
  return {
    name: 'Beside, PostgreSQL',
    info: { kind: 'beside', visitorUrl: node.url, volunteerUrl: node.url, nodeUrls: [node.url], jwtSecret },
    nodes: [node],
    seed,
    ...combine([node], async () => {
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }),
  };
}

export async function startTwoNodes(core: number | undefined, counts: SeedCounts, databaseUrl: string, redisUrl: string): Promise<Target> {
  const db = await freshDatabase(databaseUrl);
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'beside-bench-')));
  const jwtSecret = randomBytes(32).toString('hex');
  const seed = await seedBeside({ kind: 'postgres', url: db.url }, counts);
  // Same secrets on both nodes, as replicas behind one load balancer have.
  const env = { ...besideEnv(dirs[0]!, jwtSecret), DATABASE_URL: db.url, REDIS_URL: redisUrl };
  const started = await Promise.allSettled([
    startServerNode('server/src/main.ts', env, core),
    startServerNode('server/src/main.ts', { ...env, DATA_DIR: dirs[1]! }, core),
  ]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    // Leave nothing behind: the node that did start, the database, the data directories.
    await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    await db.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    throw (failed as PromiseRejectedResult).reason;
  }
  const [a, b] = started.map((r) => (r as PromiseFulfilledResult<ServerNode>).value);
  return {
    name: 'Beside, 2 nodes + Redis',
    // Every survivor on A and every volunteer on B: each message crosses Redis.
    info: { kind: 'beside', visitorUrl: a!.url, volunteerUrl: b!.url, nodeUrls: [a!.url, b!.url], jwtSecret },
    nodes: [a!, b!],
    seed,
    ...combine([a!, b!], async () => {
      await db.drop();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }),
  };
}
