// `npm run bench:idle`: what an idle node costs. RSS of a built embedded node after its first start, after a restart
// and after a surge, beside a bare Express + Socket.IO process; its CPU and database statements while nothing happens
// (embedded, and on the PostgreSQL server). Writes bench/results/idle.json and idle.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuSeconds } from './lib/stats.js';
import { besideEnv, freshDatabase, ROOT, seedBeside, spawnNode } from './lib/targets.js';
import type { SurgePlan, SurgeResult } from './surgeLoad.js';

const QUICK = process.argv.includes('--quick');
const NO_SURGE = process.argv.includes('--no-surge');
/** How long each node sits idle before its RSS is read, and the window its idle CPU is measured over. */
const SETTLE_MS = 10_000;
const IDLE_WINDOW_MS = QUICK ? 20_000 : 60_000;
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MALLOC_VARIANTS: [string, Record<string, string>][] = [
  ['', {}],
  [', MALLOC_MMAP_THRESHOLD_=131072', { MALLOC_MMAP_THRESHOLD_: '131072' }],
];
const log = (line: string) => process.stderr.write(`[idle] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A bare Express + Socket.IO process: what any Node web service with sockets holds before it does anything. */
const BARE = `import express from 'express'; import http from 'node:http'; import { Server } from 'socket.io';
const server = http.createServer(express()); new Server(server);
server.listen(0, '127.0.0.1', () => process.stdout.write('running on http://localhost:' + server.address().port + '\\n'));`;

function status(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

interface Started {
  child: ChildProcess;
  url: string;
  /** The highest RSS any child process reached while the node started (initdb runs in one on a first start). */
  childPeakMB: number;
  startSeconds: number;
}

async function start(args: string[], env: Record<string, string>): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let childPeakMB = 0;
  const watch = setInterval(() => {
    for (const c of childrenOf(child.pid!)) childPeakMB = Math.max(childPeakMB, status(c, 'VmHWM') || 0);
  }, 50);
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running on http:\/\/localhost:(\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out.slice(-2000)}`)));
  }).finally(() => clearInterval(watch));
  return { child, url, childPeakMB, startSeconds: (performance.now() - t0) / 1000 };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** CPU (% of one core) a process used over `ms` of doing nothing, and RSS at the end. */
async function idleCost(pid: number, ms: number): Promise<{ cpuPercent: number; rssMB: number }> {
  const c0 = cpuSeconds(pid) ?? 0;
  await sleep(ms);
  return { cpuPercent: (((cpuSeconds(pid) ?? 0) - c0) / (ms / 1000)) * 100, rssMB: status(pid, 'VmRSS') };
}

async function committedTransactions(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(r.rows[0]!.n);
  } finally {
    await c.end();
  }
}

async function runSurge(url: string, jwtSecret: string, seed: Awaited<ReturnType<typeof seedBeside>>): Promise<SurgeResult> {
  const load = spawnNode('bench/surgeLoad.ts', {}, undefined, { ipc: true });
  const plan: SurgePlan = {
    kind: 'beside',
    nodeUrls: [url],
    jwtSecret,
    volunteerIds: seed.pairVolunteerIds,
    moderatorIds: seed.moderatorIds,
    visitorIds: seed.idleVisitorIds,
    arrivalSeconds: QUICK ? 30 : 150,
    tailSeconds: 10,
    chatSeconds: [30, 90],
    messageEverySeconds: [5, 20],
    crisisShare: 0.05,
  };
  try {
    return await new Promise<SurgeResult>((resolve, reject) => {
      load.on('message', (m: { result?: SurgeResult; error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m.result!)));
      load.once('exit', (code) => reject(new Error(`surge load exited (${code})`)));
      load.send({ id: 1, plan });
    });
  } finally {
    load.kill();
  }
}

async function main(): Promise<void> {
  const main = path.join(ROOT, 'server/dist/main.js');
  if (!fs.existsSync(main)) throw new Error('server/dist/main.js is missing: run `npm run build` first (npm run bench:idle does)');
  const rows: Record<string, string | number>[] = [];
  const record = (what: string, values: Record<string, string | number>) => {
    rows.push({ what, ...values });
    log(`${what}: ${JSON.stringify(values)}`);
  };

  const bare = await start(['--input-type=module', '-e', BARE], {});
  await sleep(SETTLE_MS);
  const bareIdle = await idleCost(bare.child.pid!, IDLE_WINDOW_MS);
  record('bare Express + Socket.IO', { rssMB: bareIdle.rssMB, idleCpuPercent: bareIdle.cpuPercent });
  await stop(bare.child);

  // Each embedded row twice: with glibc's default malloc, and with its mmap threshold fixed as deploy/Dockerfile sets it.
  const jwtSecret = randomBytes(32).toString('hex');
  const dirs: string[] = [];
  try {
    for (const [label, malloc] of MALLOC_VARIANTS) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-idle-'));
      dirs.push(dataDir);
      const env = { ...besideEnv(dataDir, jwtSecret), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...malloc };
      const first = await start([main], env);
      await sleep(SETTLE_MS);
      const firstIdle = await idleCost(first.child.pid!, IDLE_WINDOW_MS);
      record(`embedded, first start (new data directory)${label}`, {
        rssMB: firstIdle.rssMB,
        idleCpuPercent: firstIdle.cpuPercent,
        startSeconds: first.startSeconds,
        initdbChildPeakMB: first.childPeakMB,
      });
      await stop(first.child);
      // The surge runs once, on the node as the Docker image runs it (the last variant).
      const surgeHere = !NO_SURGE && malloc === MALLOC_VARIANTS[MALLOC_VARIANTS.length - 1]![1];
      const seed = surgeHere
        ? await seedBeside({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') }, {
            pairs: QUICK ? 60 : 300,
            matchVolunteers: 0,
            matchSamples: 0,
            matchWarmup: 0,
            idle: QUICK ? 1000 : 5000,
            moderators: 5,
          })
        : undefined;
      const again = await start([main], env);
      await sleep(SETTLE_MS);
      const againIdle = await idleCost(again.child.pid!, IDLE_WINDOW_MS);
      record(`embedded, restart${label}`, { rssMB: againIdle.rssMB, idleCpuPercent: againIdle.cpuPercent, startSeconds: again.startSeconds });
      if (seed) {
        const surge = await runSurge(again.url, jwtSecret, seed);
        const peak = status(again.child.pid!, 'VmHWM');
        await sleep(SETTLE_MS);
        const after = await idleCost(again.child.pid!, IDLE_WINDOW_MS);
        record(`embedded, idle after a surge${label}`, {
          rssMB: after.rssMB,
          idleCpuPercent: after.cpuPercent,
          peakMB: peak,
          survivors: seed.idleVisitorIds.length,
          matched: surge.matched,
        });
      }
      await stop(again.child);
    }
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }

  const db = await freshDatabase(databaseUrl).catch(() => undefined);
  if (db) {
    const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-idle-'));
    try {
      const node = await start([main], { ...besideEnv(pgDir, randomBytes(32).toString('hex')), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: db.url });
      await sleep(SETTLE_MS);
      const x0 = await committedTransactions(db.url);
      const idle = await idleCost(node.child.pid!, IDLE_WINDOW_MS);
      // Less the statement that reads the count (one per reading).
      const perMinute = ((await committedTransactions(db.url)) - x0 - 1) / (IDLE_WINDOW_MS / 60_000);
      record('PostgreSQL node', { rssMB: idle.rssMB, idleCpuPercent: idle.cpuPercent, transactionsPerMinute: perMinute });
      await stop(node.child);
    } finally {
      await db.drop();
      fs.rmSync(pgDir, { recursive: true, force: true });
    }
  } else log(`PostgreSQL not reachable at ${databaseUrl}: its row is skipped`);

  const md = [
    '# An idle node',
    '',
    `Run ${new Date().toISOString()} on ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}. ` +
      `Built server (\`node server/dist/main.js\`); RSS as the kernel reports it (VmRSS) ${SETTLE_MS / 1000} s after start-up and again after a further ${IDLE_WINDOW_MS / 1000} s idle, over which CPU is measured.`,
    '',
    '| process | RSS (MB) | idle CPU (% of a core) | notes |',
    '| --- | ---: | ---: | --- |',
    ...rows.map((r) => {
      const notes = Object.entries(r)
        .filter(([k]) => !['what', 'rssMB', 'idleCpuPercent'].includes(k))
        .map(([k, v]) => `${k} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(1)) : v}`)
        .join(', ');
      return `| ${r.what} | ${Number(r.rssMB).toFixed(0)} | ${Number(r.idleCpuPercent).toFixed(2)} | ${notes} |`;
    }),
    '',
  ].join('\n');
  const dir = path.join(ROOT, 'bench/results');
  fs.writeFileSync(path.join(dir, 'idle.json'), JSON.stringify(rows, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'idle.md'), md);
  process.stdout.write(md);
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
