// `npm run bench:match`: matching under load, on embedded storage (PGlite) and on the PostgreSQL server.
// 1,000 survivors fill the queue, 100 volunteers come on shift and work through it (each chat ends at once, so
// every claim is "a volunteer just became free"), then new survivors ask while volunteers are free. Prints the
// time from request to matched (p50, p99) and the claims per second. Creates and drops its own database.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ConversationView, ServerToClientEvents } from '@beside/shared';
import { loadConfig } from '../server/src/config.js';
import { staff as staffTable } from '../server/src/db/schema.js';
import { createLogger } from '../server/src/logger.js';
import { hashPassword } from '../server/src/security/passwords.js';
import { startServer, type RunningServer } from '../server/src/server.js';

const SURVIVORS = Number(process.env.BENCH_SURVIVORS ?? 1000);
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 100);
/** Requests measured while volunteers are free. */
const FREE_SAMPLES = Number(process.env.BENCH_FREE_SAMPLES ?? 300);
/** How many of those requests are in flight at once: one, so that each is timed alone (the drain measures load). */
const FREE_CONCURRENCY = Number(process.env.BENCH_FREE_CONCURRENCY ?? 1);
const TARGET_P99_MS = 50;
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

function log(line: string): void {
  process.stderr.write(`[bench:match] ${line}\n`);
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
/** CPU time this process used (server and clients together: they share it), in ms. */
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function connect(url: string, token: string, attach: (s: Client) => void = () => undefined): Promise<Client> {
  const socket: Client = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
  attach(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
    socket.connect();
  });
}

function call<T>(socket: Client, event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${event}`)), 120_000);
    (socket.emit as (e: string, p: unknown, cb: (a: Ack<T>) => void) => void)(event, payload, (ack) => {
      clearTimeout(timer);
      if (ack.ok) resolve(ack.data);
      else reject(new Error(`${event}: ${ack.error.code} ${ack.error.message}`));
    });
  });
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

async function newSurvivor(url: string): Promise<{ token: string; visitorId: string }> {
  const res = await fetch(`${url}/api/visitor/session`, { method: 'POST' });
  if (res.status !== 201) throw new Error(`visitor session: ${res.status}`);
  return (await res.json()) as { token: string; visitorId: string };
}

interface Result {
  name: string;
  fillSeconds: number;
  joinAck: { p50: number; p99: number };
  drain: { claims: number; seconds: number; claimsPerSecond: number; freedToMatched: { p50: number; p99: number }; cpuMsPerClaim: number };
  free: { samples: number; p50: number; p99: number; cpuMsPerRequest: number };
  claimRoundMs: number;
}

async function benchOne(name: string, server: RunningServer): Promise<Result> {
  const { url, ctx } = server;
  const intake = { inDanger: false, topic: 'workplace', language: 'en', want: 'to_be_heard', preference: 'none' } as const;

  // Volunteers: seeded directly (sign-in is benchmarked elsewhere), one password hash for all.
  const passwordHash = await hashPassword(randomBytes(12).toString('hex'));
  const volunteerRows: (typeof staffTable.$inferInsert)[] = Array.from({ length: VOLUNTEERS }, (_, i) => ({
    id: randomUUID(),
    email: `bench-volunteer-${i}-${randomBytes(3).toString('hex')}@bench.local`,
    passwordHash,
    role: 'volunteer',
    displayName: `V${i}`,
    languages: ['en'],
    topics: i % 2 ? ['workplace'] : [],
    capacity: 1,
    gender: 'unspecified',
    trainingCompletedAt: ctx.clock.now(),
    status: 'active',
    createdAt: ctx.clock.now(),
  }));
  await ctx.db.insert(staffTable).values(volunteerRows);

  // 1. Fill: 1,000 survivors connect and join; nobody is on shift yet.
  log(`${name}: ${SURVIVORS} survivors joining`);
  const survivorStarted = new Map<string, number>();
  const fillStart = performance.now();
  const joinTimes: number[] = [];
  const survivors: Client[] = [];
  await pool(
    Array.from({ length: SURVIVORS }, (_, i) => i),
    50,
    async () => {
      const { token } = await newSurvivor(url);
      const socket = await connect(url, token, (s) => s.on('conversation:started', (c) => survivorStarted.set(c.id, performance.now())));
      survivors.push(socket);
      const t = performance.now();
      await call(socket, 'queue:join', intake);
      joinTimes.push(performance.now() - t);
    },
  );
  const fillSeconds = (performance.now() - fillStart) / 1000;

  // 2. Drain: 100 volunteers come on shift at once; each ends every chat as soon as it starts, so each claim after
  //    the first hundred is "a volunteer just became free, the next survivor waiting is matched".
  log(`${name}: ${VOLUNTEERS} volunteers on shift, working through the queue`);
  const freedToMatched: number[] = [];
  let claims = 0;
  let drained!: () => void;
  const allDrained = new Promise<void>((r) => (drained = r));
  const target = SURVIVORS;
  const volunteers = await Promise.all(
    volunteerRows.map(async (row) => {
      let freedAt: number | undefined;
      const socket = await connect(url, ctx.tokens.signAccess(row.id, 'volunteer'), (s) =>
        s.on('conversation:started', (c: ConversationView) => {
          if (freedAt !== undefined) freedToMatched.push(performance.now() - freedAt);
          freedAt = undefined;
          void call(s, 'conversation:end', { conversationId: c.id }).then(() => {
            claims += 1;
            if (claims === target) drained();
            else freedAt = performance.now();
          });
        }),
      );
      return socket;
    }),
  );
  const roundsBefore = { ...ctx.matchmaker.stats };
  const drainCpu = process.cpuUsage();
  const drainStart = performance.now();
  await Promise.all(volunteers.map((v) => call(v, 'shift:set', { onShift: true })));
  await allDrained;
  const drainSeconds = (performance.now() - drainStart) / 1000;
  const drainCpuMs = cpuMs(process.cpuUsage(drainCpu));
  const rounds = ctx.matchmaker.stats.rounds - roundsBefore.rounds;
  const claimRoundMs = (ctx.matchmaker.stats.claimMs - roundsBefore.claimMs) / Math.max(1, rounds);
  for (const v of volunteers) v.removeAllListeners('conversation:started');
  // Every chat has ended: every volunteer is free. Let the last queue pushes go out before measuring.
  await new Promise((r) => setTimeout(r, 1000));

  // 3. Free volunteers: new survivors ask; time from their request to conversation:started.
  log(`${name}: ${FREE_SAMPLES} requests while volunteers are free`);
  const freeTimes: number[] = [];
  const ending = new Map<string, Client>();
  for (const v of volunteers) v.on('conversation:started', (c) => ending.set(c.id, v));
  // Connected beforehand (a survivor opens the page, then answers the intake): only the request is timed.
  const askers: { socket: Client; matched: Promise<ConversationView> }[] = [];
  await pool(
    Array.from({ length: FREE_SAMPLES }, (_, i) => i),
    20,
    async () => {
      const { token } = await newSurvivor(url);
      let started!: (c: ConversationView) => void;
      const matched = new Promise<ConversationView>((r) => (started = r));
      const socket = await connect(url, token, (s) => s.on('conversation:started', (c) => started(c)));
      askers.push({ socket, matched });
    },
  );
  await new Promise((r) => setTimeout(r, 1000));
  const freeCpu = process.cpuUsage();
  await pool(
    askers,
    FREE_CONCURRENCY,
    async ({ socket, matched }) => {
      const t = performance.now();
      await Promise.all([call(socket, 'queue:join', intake), matched]);
      freeTimes.push(performance.now() - t);
      const c = await matched;
      // The volunteer ends the chat so as to be free for the next sample.
      const volunteer = await waitFor(() => ending.get(c.id));
      await call(volunteer, 'conversation:end', { conversationId: c.id });
    },
  );

  const freeCpuMs = cpuMs(process.cpuUsage(freeCpu));
  for (const s of [...survivors, ...askers.map((a) => a.socket), ...volunteers]) s.close();
  // Let the server see them go before it stops (its disconnect handlers write to the database).
  await new Promise((r) => setTimeout(r, 2000));
  return {
    name,
    fillSeconds,
    joinAck: { p50: percentile(joinTimes, 0.5), p99: percentile(joinTimes, 0.99) },
    drain: {
      claims: target,
      seconds: drainSeconds,
      claimsPerSecond: target / drainSeconds,
      freedToMatched: { p50: percentile(freedToMatched, 0.5), p99: percentile(freedToMatched, 0.99) },
      cpuMsPerClaim: drainCpuMs / target,
    },
    free: {
      samples: freeTimes.length,
      p50: percentile(freeTimes, 0.5),
      p99: percentile(freeTimes, 0.99),
      cpuMsPerRequest: freeCpuMs / Math.max(1, freeTimes.length),
    },
    claimRoundMs,
  };
}

async function waitFor<T>(get: () => T | undefined): Promise<T> {
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 1));
  }
}

function serverConfig(databaseUrl?: string) {
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(os.tmpdir(), `beside-bench-match-${process.pid}`),
      LOG_LEVEL: 'warn',
      CHAT_COOLDOWN_SECONDS: '0',
      // One machine plays every client: the per-IP and per-person limits would throttle the generator itself.
      CONNECTIONS_PER_IP_PER_MINUTE: '1000000',
      RATE_LIMIT_EVENTS_PER_10S: '1000000',
      RATE_LIMIT_MESSAGES_PER_10S: '1000000',
      OPEN_CONNECTIONS_PER_IP: '1000000',
      SESSIONS_PER_IP_PER_HOUR: '1000000',
      QUEUE_JOINS_PER_IP_PER_HOUR: '1000000',
      URGENT_PER_IP_PER_HOUR: '1000000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    [],
  );
  if (!databaseUrl) config.database = { kind: 'pglite', dataDir: 'memory://' };
  return config;
}

async function withPostgresDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `beside_bench_match_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}

async function runTarget(name: string, databaseUrl?: string): Promise<Result> {
  const server = await startServer(serverConfig(databaseUrl), { logger: createLogger('warn'), announce: () => undefined });
  try {
    return await benchOne(name, server);
  } finally {
    await server.close();
  }
}

function print(results: Result[]): void {
  const lines = [
    '',
    `Matching benchmark: ${SURVIVORS} survivors, ${VOLUNTEERS} volunteers (capacity 1), ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    ...(os.loadavg()[0]! > os.cpus().length
      ? [`(the machine was busy with other work: a load average above ${os.cpus().length} inflates every latency below)`]
      : []),
    '',
  ];
  for (const r of results) {
    const met = r.free.p99 < TARGET_P99_MS;
    lines.push(
      `${r.name}`,
      `  request -> matched, a volunteer free (n=${r.free.samples}):  p50 ${ms(r.free.p50)}  p99 ${ms(r.free.p99)}   target p99 < ${TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'}`,
      `      CPU of this process per request (server and clients): ${ms(r.free.cpuMsPerRequest)}`,
      `  volunteer freed -> next survivor matched, full queue:      p50 ${ms(r.drain.freedToMatched.p50)}  p99 ${ms(r.drain.freedToMatched.p99)}`,
      `  claims per second, ${r.drain.claims} survivors through ${VOLUNTEERS} volunteers:  ${r.drain.claimsPerSecond.toFixed(0)} /s (${r.drain.seconds.toFixed(1)} s; claim round ${ms(r.claimRoundMs)} mean; CPU ${ms(r.drain.cpuMsPerClaim)} per claim)`,
      `  filling the queue: ${SURVIVORS} joins in ${r.fillSeconds.toFixed(1)} s, join answered p50 ${ms(r.joinAck.p50)} p99 ${ms(r.joinAck.p99)}`,
      '',
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

const results: Result[] = [];
results.push(await runTarget('embedded (PGlite)'));
try {
  results.push(await withPostgresDatabase((url) => runTarget(`PostgreSQL server (${new URL(POSTGRES_URL).host})`, url)));
} catch (err) {
  log(`PostgreSQL skipped: ${(err as Error).message}`);
}
print(results);
process.exit(0);
