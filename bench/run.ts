// `npm run bench`: the bare Socket.IO relay and Beside (embedded, PostgreSQL, two nodes + Redis) measured in one run
// on this machine; prints ratios to the baseline and writes bench/results/latest.json and latest.md.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Command, OpenLoopResult, SaturationResult } from './loadgen.js';
import { cpuMeter, pidsNamed, type Percentiles } from './lib/stats.js';
import { renderMarkdown, renderConsole, evaluateTargets, type BenchResults, type TargetResult } from './lib/report.js';
import {
  cores,
  hasTaskset,
  ROOT,
  spawnNode,
  startBaseline,
  startEmbedded,
  startPostgres,
  startTwoNodes,
  type SeedCounts,
  type Target,
} from './lib/targets.js';
import type { ProbeEld } from './lib/probe.js';

const QUICK = process.argv.includes('--quick');
/** `--only=baseline,embedded` runs a subset (the baseline always runs: every ratio needs it). */
/** `--saturation-only` (with BENCH_CPU_PROF=<dir>) profiles the message hot path without the other phases. */
const SATURATION_ONLY = process.argv.includes('--saturation-only');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const COUNTS: SeedCounts = { pairs: 32, matchVolunteers: 8, matchSamples: QUICK ? 40 : 200, matchWarmup: 20, idle: 5000 };
const SOCKET_STEPS = [1000, 5000];
/**
 * The chat load running while the idle sockets are measured: a busy evening (a message every ten seconds in ten
 * thousand chats), the same for every target so that the rows compare, or half a target's saturation if lower.
 */
const LIGHT_RATE = 1000;
const LOADS = [25, 50, 75];
const PHASE_SECONDS = QUICK ? 2 : 4;
/** Connecting the idle sockets of one step may take this long at most (a slow target reports fewer). */
const IDLE_DEADLINE_SECONDS = 60;
const SERVER_CORE = 0;
const LOADGEN_CORE = 1;

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** The benchmark only ever talks to this machine. */
function assertLoopback(url: string, name: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`${name} must point at 127.0.0.1 for the benchmark (got ${host})`);
  }
}

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    s.setTimeout(1000);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });
}

class LoadGenerator {
  private ids = 0;
  private readonly replies = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const r = this.replies.get(m.id);
      if (!r) return;
      this.replies.delete(m.id);
      if (m.error) r.reject(new Error(`load generator: ${m.error}`));
      else r.resolve(m.result);
    });
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[loadgen] ${d.toString()}`));
    child.once('exit', (code) => {
      for (const r of this.replies.values()) r.reject(new Error(`load generator exited (${code})`));
    });
  }
  send<T>(command: Command): Promise<T> {
    const id = ++this.ids;
    return new Promise<T>((resolve, reject) => {
      this.replies.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, command });
    });
  }
}

/** Runs one measured phase: CPU of server(s), generator and the database/Redis processes, and event-loop delay. */
async function measured<T>(target: Target, lg: LoadGenerator, run: () => Promise<T>) {
  const serverPids = target.nodes.map((n) => n.child.pid!).filter(Boolean);
  const meter = cpuMeter({ server: () => serverPids, loadgen: () => [lg.child.pid!], dbRedis: () => pidsNamed(['postgres', 'redis-server']) });
  await target.eldStart();
  const result = await run();
  const eld = await target.eldStop();
  return { result, cpu: meter.stop(), eld };
}

async function benchTarget(target: Target, lg: LoadGenerator, baselineSaturation: number | undefined): Promise<TargetResult> {
  const { seed } = target;
  await lg.send({ cmd: 'init', target: target.info });

  log(`${target.name}: time to match (${COUNTS.matchSamples} samples after ${COUNTS.matchWarmup} untimed)`);
  const match = await lg.send<Percentiles>({
    cmd: 'match',
    samples: SATURATION_ONLY ? 1 : COUNTS.matchSamples,
    warmup: SATURATION_ONLY ? 0 : COUNTS.matchWarmup,
    volunteerIds: seed.matchVolunteerIds,
    visitorIds: seed.matchVisitorIds,
  });

  log(`  p50 ${match.p50.toFixed(1)} p99 ${match.p99.toFixed(1)} ms`);
  log(`${target.name}: pairing ${COUNTS.pairs} conversations`);
  await lg.send({ cmd: 'pairs', count: COUNTS.pairs, volunteerIds: seed.pairVolunteerIds, visitorIds: seed.pairVisitorIds });

  log(`${target.name}: saturation`);
  const saturation = await measured(target, lg, () =>
    lg.send<SaturationResult>({ cmd: 'saturate', warmupSeconds: 1, seconds: PHASE_SECONDS, window: 8 }),
  );
  log(`  ${saturation.result.throughput} msg/s; CPU ${JSON.stringify(saturation.cpu)}`);
  const reference = baselineSaturation ?? saturation.result.throughput;

  const openLoop: TargetResult['openLoop'] = {};
  let overloadedBelow = false;
  for (const pct of SATURATION_ONLY ? [] : LOADS) {
    const rate = (reference * pct) / 100;
    if (overloadedBelow) {
      openLoop[pct] = { skipped: `already overloaded at a lower rate`, rate: Math.round(rate) };
      continue;
    }
    log(`${target.name}: open loop at ${pct} % of the baseline's saturation (${Math.round(rate)} msg/s)`);
    const r = await measured(target, lg, () => lg.send<OpenLoopResult>({ cmd: 'openLoop', rate, seconds: PHASE_SECONDS }));
    openLoop[pct] = { ...r.result, cpu: r.cpu, eld: r.eld };
    log(`  p50 ${r.result.latency.p50.toFixed(1)} p99 ${r.result.latency.p99.toFixed(1)} ms; ${r.result.undelivered} undelivered; CPU ${JSON.stringify(r.cpu)}`);
    if (r.result.overloaded) overloadedBelow = true;
  }

  const lightRate = Math.min(LIGHT_RATE, Math.max(10, saturation.result.throughput / 2));
  const sockets: TargetResult['sockets'] = {};
  const before = await target.memory();
  let open = 0;
  let connected = 0;
  for (const n of SATURATION_ONLY ? [] : SOCKET_STEPS) {
    log(`${target.name}: ${n} connected sockets`);
    const opened = await lg.send<{ connected: number; failed: number; seconds: number; gaveUp: boolean }>({
      cmd: 'idle',
      count: n - open,
      visitorIds: seed.idleVisitorIds.slice(open, n),
      deadlineSeconds: IDLE_DEADLINE_SECONDS,
    });
    if (opened.gaveUp) log(`  only ${connected + opened.connected} connected within ${IDLE_DEADLINE_SECONDS} s`);
    open = n;
    connected += opened.connected;
    const memory = await target.memory();
    // Event-loop delay and latency with the sockets connected and a light chat load (LIGHT_RATE).
    const light = await measured(target, lg, () => lg.send<OpenLoopResult>({ cmd: 'openLoop', rate: lightRate, seconds: PHASE_SECONDS }));
    sockets[n] = {
      connected,
      failed: n - connected,
      connectSeconds: opened.seconds,
      lightLoadRate: Math.round(lightRate),
      rssPerSocketKB: (memory.rss - before.rss) / 1024 / Math.max(1, connected),
      heapPerSocketKB: (memory.heapUsed + memory.external - before.heapUsed - before.external) / 1024 / Math.max(1, connected),
      rssMB: memory.rss / 1024 / 1024,
      eld: light.eld,
      p99UnderLightLoad: light.result.latency.p99,
      cpu: light.cpu,
    };
  }
  await lg.send({ cmd: 'closeAll' });
  return {
    name: target.name,
    nodes: target.nodes.length,
    match,
    saturation: { ...saturation.result, cpu: saturation.cpu, eld: saturation.eld },
    openLoop,
    sockets,
  };
}

/** `npm run bench -- --render`: the targets and tables again from bench/results/latest.json, without a run. */
function renderOnly(): void {
  const dir = path.join(ROOT, 'bench/results');
  const results = JSON.parse(fs.readFileSync(path.join(dir, 'latest.json'), 'utf8'), (_k, v: unknown) => (v === 'Infinity' ? Infinity : v)) as BenchResults;
  results.verdicts = evaluateTargets(results);
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, (_k, v: unknown) => (v === Infinity ? 'Infinity' : v), 2) + '\n');
  fs.writeFileSync(path.join(dir, 'latest.md'), renderMarkdown(results));
  process.stdout.write(renderConsole(results));
}

async function main(): Promise<void> {
  if (process.argv.includes('--render')) return renderOnly();
  const started = Date.now();
  assertLoopback(databaseUrl, 'DATABASE_URL');
  assertLoopback(redisUrl, 'REDIS_URL');
  const pgUp = await reachable(databaseUrl, 5432);
  const redisUp = await reachable(redisUrl, 6379);
  const pin = hasTaskset && cores >= 2;
  log(`${cores} cores; ${pin ? `server on core ${SERVER_CORE}, load generator on core ${LOADGEN_CORE}` : 'no pinning (taskset missing or one core)'}`);

  const lgChild = spawnNode('bench/loadgen.ts', {}, pin ? LOADGEN_CORE : undefined, { ipc: true });
  const lg = new LoadGenerator(lgChild);
  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    machine: { cores, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, pinned: pin, loadAverage: { start: os.loadavg() } },
    settings: { ...COUNTS, socketSteps: SOCKET_STEPS, loads: LOADS, phaseSeconds: PHASE_SECONDS, window: 8, quick: QUICK },
    targets: {},
    skipped: {},
  };

  const plan: [keyof BenchResults['targets'], () => Promise<Target>, string | undefined][] = [
    ['baseline', () => startBaseline(SERVER_CORE, COUNTS), undefined],
    ['embedded', () => startEmbedded(SERVER_CORE, COUNTS), undefined],
    ['postgres', () => startPostgres(SERVER_CORE, COUNTS, databaseUrl), pgUp ? undefined : `PostgreSQL not reachable at ${databaseUrl}`],
    [
      'twoNodes',
      () => startTwoNodes(SERVER_CORE, COUNTS, databaseUrl, redisUrl),
      !pgUp ? `PostgreSQL not reachable at ${databaseUrl}` : !redisUp ? `Redis not reachable at ${redisUrl}` : undefined,
    ],
  ];
  try {
    for (const [key, start, skip] of plan) {
      if (ONLY && key !== 'baseline' && !ONLY.includes(key)) continue;
      if (skip) {
        results.skipped[key] = skip;
        log(`skipping ${key}: ${skip}`);
        continue;
      }
      log(`starting ${key}`);
      const target = await start();
      // Interrupted, the run still stops what it started (servers, their temporary data and databases).
      const onSignal = () => {
        lgChild.kill();
        void target.stop().finally(() => process.exit(130));
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        results.targets[key] = await benchTarget(target, lg, results.targets.baseline?.saturation.throughput);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await target.stop();
      }
    }
  } finally {
    lgChild.kill();
  }
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  results.machine.loadAverage!.end = os.loadavg();
  results.verdicts = evaluateTargets(results);

  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, (_k, v: unknown) => (v === Infinity ? 'Infinity' : v), 2) + '\n');
  fs.writeFileSync(path.join(dir, 'latest.md'), renderMarkdown(results));
  process.stdout.write(renderConsole(results));
  log(`done in ${results.durationSeconds} s; wrote bench/results/latest.json and latest.md`);
}

export type { ProbeEld };

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
