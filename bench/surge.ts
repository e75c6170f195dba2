// `npm run bench:surge`: after a news event, 5,000 survivors arrive while 300 volunteers (capacity 1-3) chat at a
// human pace; the same traffic against the bare relay and Beside (embedded, PostgreSQL, two nodes + Redis). Writes
// bench/results/surge.json and surge.md.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderSurge, type SurgeRun, type SurgeTargetResult } from './lib/surgeReport.js';
import { cpuMeter, pidsNamed } from './lib/stats.js';
import { cores, hasTaskset, ROOT, spawnNode, startBaseline, startEmbedded, startPostgres, startTwoNodes, type SeedCounts, type Target } from './lib/targets.js';
import type { ProbeEld, ProbeMemory } from './lib/probe.js';
import type { SurgePlan, SurgeResult } from './surgeLoad.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const QUICK = process.argv.includes('--quick');
/** Ten minutes of arrivals, divided by this (the machine and the time a run may take decide it; the report says). */
const COMPRESS = Number(arg('compress') ?? (QUICK ? 10 : 4));
const SURVIVORS = Number(arg('survivors') ?? (QUICK ? 1000 : 5000));
const VOLUNTEERS = Number(arg('volunteers') ?? (QUICK ? 60 : 300));
const MODERATORS = 5;
const ONLY = arg('only')?.split(',');
const SERVER_CORE = 0;
const LOADGEN_CORE = 1;
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const log = (line: string) => process.stderr.write(`[surge] ${line}\n`);

function planFor(target: Target): SurgePlan {
  return {
    kind: target.info.kind,
    nodeUrls: target.info.nodeUrls,
    ...(target.info.jwtSecret ? { jwtSecret: target.info.jwtSecret } : {}),
    volunteerIds: target.seed.pairVolunteerIds,
    moderatorIds: target.seed.moderatorIds,
    visitorIds: target.seed.idleVisitorIds,
    arrivalSeconds: 600 / COMPRESS,
    tailSeconds: 20,
    // A real chat lasts 10-40 minutes; here 30-90 s, so that volunteers turn over and places move during the run.
    chatSeconds: [30, 90],
    messageEverySeconds: [5, 20],
    crisisShare: 0.05,
  };
}

function runLoad(child: ChildProcess, plan: SurgePlan): Promise<SurgeResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { id: number; result?: SurgeResult; error?: string }) => {
      child.off('message', onMessage);
      if (m.error) reject(new Error(`load generator: ${m.error}`));
      else resolve(m.result!);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`load generator exited (${code})`)));
    child.send({ id: 1, plan });
  });
}

async function surgeTarget(target: Target): Promise<SurgeTargetResult> {
  const pin = hasTaskset && cores >= 2;
  const child = spawnNode('bench/surgeLoad.ts', {}, pin ? LOADGEN_CORE : undefined, { ipc: true });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[surgeLoad] ${d.toString()}`));
  const rssOf = async () => (await Promise.all(target.nodes.map((n) => n.probe<number>({ probe: 'rss' })))).reduce((a, b) => a + b, 0);
  try {
    const startRss = await rssOf();
    let peakRss = startRss;
    const sampler = setInterval(() => {
      void rssOf().then(
        (rss) => (peakRss = Math.max(peakRss, rss)),
        () => undefined,
      );
    }, 2000);
    const serverPids = target.nodes.map((n) => n.child.pid!).filter(Boolean);
    const meter = cpuMeter({ server: () => serverPids, loadgen: () => [child.pid!], dbRedis: () => pidsNamed(['postgres', 'redis-server']) });
    await Promise.all(target.nodes.map((n) => n.probe({ probe: 'eld-start' })));
    const result = await runLoad(child, planFor(target));
    const cpu = meter.stop();
    const elds = await Promise.all(target.nodes.map((n) => n.probe<ProbeEld>({ probe: 'eld-stop' })));
    clearInterval(sampler);
    const endRss = await rssOf();
    // Everyone has left: what the node keeps once idle again (after a collection).
    await new Promise((r) => setTimeout(r, 3000));
    const idle = await Promise.all(target.nodes.map((n) => n.probe<ProbeMemory>({ probe: 'memory' })));
    return {
      name: target.name,
      nodes: target.nodes.length,
      ...result,
      cpu,
      eldP99: Math.max(...elds.map((e) => e.p99)),
      eldMax: Math.max(...elds.map((e) => e.max)),
      rssMB: { start: startRss / 2 ** 20, peak: Math.max(peakRss, endRss) / 2 ** 20, idleAfter: idle.reduce((a, m) => a + m.rss, 0) / 2 ** 20 },
    };
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const counts: SeedCounts = { pairs: VOLUNTEERS, matchVolunteers: 0, matchSamples: 0, matchWarmup: 0, idle: SURVIVORS, moderators: MODERATORS };
  const run: SurgeRun = {
    startedAt: new Date(started).toISOString(),
    machine: { cores, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, pinned: hasTaskset && cores >= 2, loadAverage: { start: os.loadavg() } },
    settings: { survivors: SURVIVORS, volunteers: VOLUNTEERS, moderators: MODERATORS, compress: COMPRESS, ...planSettings() },
    targets: {},
    skipped: {},
  };
  const plan: [string, () => Promise<Target>][] = [
    ['baseline', () => startBaseline(SERVER_CORE, counts)],
    ['embedded', () => startEmbedded(SERVER_CORE, counts)],
    ['postgres', () => startPostgres(SERVER_CORE, counts, databaseUrl)],
    ['twoNodes', () => startTwoNodes(SERVER_CORE, counts, databaseUrl, redisUrl)],
  ];
  for (const [key, start] of plan) {
    if (ONLY && key !== 'baseline' && !ONLY.includes(key)) continue;
    log(`starting ${key}`);
    let target: Target;
    try {
      target = await start();
    } catch (err) {
      run.skipped[key] = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      log(`skipping ${key}: ${run.skipped[key]}`);
      continue;
    }
    const onSignal = () => void target.stop().finally(() => process.exit(130));
    process.once('SIGINT', onSignal);
    try {
      log(`${target.name}: ${SURVIVORS} survivors over ${Math.round(600 / COMPRESS)} s, ${VOLUNTEERS} volunteers`);
      const result = await surgeTarget(target);
      run.targets[key] = result;
      log(
        `  matched ${result.matched}, message p99 ${result.messageLatency.p99.toFixed(1)} ms, position staleness p99 ${result.positionStaleness.p99.toFixed(0)} ms, ` +
          `dropped ${result.messagesDropped}, duplicated ${result.messagesDuplicated}; CPU ${JSON.stringify(result.cpu)}`,
      );
    } finally {
      process.off('SIGINT', onSignal);
      await target.stop();
    }
  }
  run.durationSeconds = Math.round((Date.now() - started) / 1000);
  run.machine.loadAverage.end = os.loadavg();
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'surge.json'), JSON.stringify(run, null, 2) + '\n');
  const md = renderSurge(run);
  fs.writeFileSync(path.join(dir, 'surge.md'), md);
  process.stdout.write(md);
  log(`done in ${run.durationSeconds} s; wrote bench/results/surge.json and surge.md`);
}

function planSettings(): Record<string, unknown> {
  const p = planFor({ info: { kind: 'beside', nodeUrls: [] }, seed: { pairVolunteerIds: [], moderatorIds: [], idleVisitorIds: [] } } as unknown as Target);
  return { arrivalSeconds: p.arrivalSeconds, tailSeconds: p.tailSeconds, chatSeconds: p.chatSeconds, messageEverySeconds: p.messageEverySeconds, crisisShare: p.crisisShare };
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
