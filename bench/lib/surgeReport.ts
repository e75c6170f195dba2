// The surge benchmark's results: their shape, the issue's surge targets checked against them, and the table written.
import type { SurgeResult } from '../surgeLoad.js';

export interface SurgeTargetResult extends SurgeResult {
  name: string;
  nodes: number;
  /** Percent of one core over the run, per group (server(s), load generator, PostgreSQL + Redis, everything else). */
  cpu: Record<string, number>;
  eldP99: number;
  eldMax: number;
  rssMB: { start: number; peak: number; idleAfter: number };
}

export interface SurgeRun {
  startedAt: string;
  durationSeconds?: number;
  machine: { cores: number; cpu: string; node: string; pinned: boolean; loadAverage: { start: number[]; end?: number[] } };
  settings: Record<string, unknown>;
  targets: Record<string, SurgeTargetResult>;
  skipped: Record<string, string>;
}

const KEYS = ['baseline', 'embedded', 'postgres', 'twoNodes'];

function fmt(n: number | undefined, digits = 1): string {
  if (n === undefined || Number.isNaN(n)) return '–';
  if (n === Infinity) return '∞';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(digits);
}

const ROWS: [string, string, (r: SurgeTargetResult) => number | undefined][] = [
  ['survivors matched (of those who arrived)', '', (r) => r.matched],
  ['still waiting at the end', '', (r) => r.waitingAtEnd],
  ['time to match p50 (join → conversation:started)', 's', (r) => r.timeToMatch.p50 / 1000],
  ['time to match p99', 's', (r) => r.timeToMatch.p99 / 1000],
  ['slot refill p50 (a chat ends → the volunteer’s next starts)', 'ms', (r) => r.slotRefill.p50],
  ['slot refill p99', 'ms', (r) => r.slotRefill.p99],
  ['message latency p50', 'ms', (r) => r.messageLatency.p50],
  ['message latency p99', 'ms', (r) => r.messageLatency.p99],
  ['messages acknowledged', '', (r) => r.messagesAcked],
  ['messages dropped (acknowledged, never delivered)', '', (r) => r.messagesDropped],
  ['messages duplicated', '', (r) => r.messagesDuplicated],
  ['messages refused', '', (r) => r.messagesRefused],
  ['conversation:started seen by one side only / twice', '', (r) => r.startsDropped + r.startsDuplicated],
  ['waiting survivor’s position stale p50', 'ms', (r) => r.positionStaleness.p50],
  ['waiting survivor’s position stale p99', 'ms', (r) => r.positionStaleness.p99],
  ['waiting survivor’s position stale, worst', 'ms', (r) => r.positionStaleness.max],
  ['position pushes received', '', (r) => r.positionPushes],
  ['moderator alerts received / expected', '%', (r) => (r.alertsExpected ? (100 * r.alertsReceived) / r.alertsExpected : undefined)],
  ['alert latency p99 (crisis words sent → risk:alert)', 'ms', (r) => r.alertLatency.p99],
  ['connect or join failures', '', (r) => r.connectFailures + r.joinFailures],
  ['server CPU over the run', '% core', (r) => r.cpu.server],
  ['PostgreSQL + Redis CPU', '% core', (r) => r.cpu.dbRedis],
  ['load generator CPU', '% core', (r) => r.cpu.loadgen],
  ['other processes CPU', '% core', (r) => r.cpu.other],
  ['event-loop delay p99 (worst node)', 'ms', (r) => r.eldP99],
  ['server RSS at start', 'MB', (r) => r.rssMB.start],
  ['server RSS peak', 'MB', (r) => r.rssMB.peak],
  ['server RSS idle after the run', 'MB', (r) => r.rssMB.idleAfter],
];

export function surgeVerdicts(run: SurgeRun): { target: string; goal: string; measured: string; met: boolean }[] {
  const out = [];
  for (const key of KEYS.slice(1)) {
    const r = run.targets[key];
    if (!r) continue;
    out.push(
      { target: key, goal: 'message latency p99 < 100 ms', measured: `${fmt(r.messageLatency.p99)} ms`, met: r.messageLatency.p99 < 100 },
      { target: key, goal: 'a waiting survivor’s position ≤ 2 s stale at p99', measured: `${fmt(r.positionStaleness.p99)} ms`, met: r.positionStaleness.p99 <= 2000 },
      {
        target: key,
        goal: 'nothing dropped or duplicated',
        measured: `${r.messagesDropped} dropped, ${r.messagesDuplicated} duplicated, ${r.startsDropped + r.startsDuplicated} starts one-sided or twice, alerts ${r.alertsReceived}/${r.alertsExpected}`,
        met: r.messagesDropped === 0 && r.messagesDuplicated === 0 && r.startsDropped === 0 && r.startsDuplicated === 0 && r.alertsReceived === r.alertsExpected,
      },
    );
  }
  return out;
}

export function renderSurge(run: SurgeRun): string {
  const keys = KEYS.filter((k) => run.targets[k]);
  const s = run.settings;
  const lines = [
    '# Surge: Beside against the bare relay',
    '',
    `Run ${run.startedAt} in ${run.durationSeconds ?? '?'} s on ${run.machine.cores} cores (${run.machine.cpu}), Node ${run.machine.node}; ` +
      `${run.machine.pinned ? 'servers pinned to core 0, load generator to core 1' : 'no pinning'}. Load average at start ${run.machine.loadAverage.start.map((l) => l.toFixed(1)).join(' / ')}` +
      `${run.machine.loadAverage.end ? `, at end ${run.machine.loadAverage.end.map((l) => l.toFixed(1)).join(' / ')}` : ''}.`,
    `${s.survivors} survivors arrive over ${s.arrivalSeconds} s (ten minutes compressed ${s.compress}×, a Poisson process); ${s.volunteers} volunteers at capacity 1-3 ` +
      `and ${s.moderators} moderators; chats last ${(s.chatSeconds as number[]).join('-')} s (a real one lasts 10-40 minutes), each side writes every ` +
      `${(s.messageEverySeconds as number[]).join('-')} s (human pace, not compressed); ${Math.round((s.crisisShare as number) * 100)} % of survivors write words the crisis detector ` +
      `catches; the run goes on ${s.tailSeconds} s after the last arrival.`,
    '',
    `| metric | unit | ${keys.map((k) => run.targets[k]!.name).join(' | ')} |`,
    `| --- | --- | ${keys.map(() => '---:').join(' | ')} |`,
    ...ROWS.map(([label, unit, get]) => `| ${label} | ${unit} | ${keys.map((k) => fmt(get(run.targets[k]!))).join(' | ')} |`),
    '',
    ...Object.entries(run.skipped).map(([k, why]) => `Not run: ${k} (${why}).`),
    '',
    '| target | goal | measured | met |',
    '| --- | --- | --- | --- |',
    ...surgeVerdicts(run).map((v) => `| ${v.target} | ${v.goal} | ${v.measured} | ${v.met ? 'yes' : 'no'} |`),
    '',
  ];
  return lines.join('\n');
}
