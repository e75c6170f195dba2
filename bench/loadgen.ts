// The load generator: its own process (pinned to its own core), driven by the orchestrator over IPC.
import { randomUUID } from 'node:crypto';
import { createTokenService, type TokenService } from '../server/src/security/tokens.js';
import { percentiles, type Percentiles } from './lib/stats.js';
import { eventName, eventPayload, WireSocket } from './lib/wire.js';

/** How the load generator reaches a target: the bare relay (pairs itself) or Beside (tokens, queue, shifts). */
export interface TargetInfo {
  kind: 'baseline' | 'beside';
  /** Where survivors connect and where volunteers connect (the same node, or A and B). */
  visitorUrl: string;
  volunteerUrl: string;
  /** Every node, for spreading idle connections. */
  nodeUrls: string[];
  jwtSecret?: string;
}

export type Command =
  | { cmd: 'init'; target: TargetInfo }
  | { cmd: 'match'; samples: number; warmup: number; volunteerIds: string[]; visitorIds: string[] }
  | { cmd: 'pairs'; count: number; volunteerIds: string[]; visitorIds: string[] }
  | { cmd: 'saturate'; warmupSeconds: number; seconds: number; window: number }
  | { cmd: 'openLoop'; rate: number; seconds: number }
  | { cmd: 'idle'; count: number; visitorIds: string[]; deadlineSeconds: number }
  | { cmd: 'closeAll' };

export interface SaturationResult {
  seconds: number;
  delivered: number;
  acked: number;
  /** Messages relayed to the peer per second. */
  throughput: number;
  ackLatency: Percentiles;
}

export interface OpenLoopResult {
  rate: number;
  sent: number;
  delivered: number;
  /** Sent but not delivered when the phase ended (counted as Infinity in the percentiles). */
  undelivered: number;
  /** The target fell more than a second of traffic behind, so the phase was cut short. */
  overloaded: boolean;
  latency: Percentiles;
  /** How late the generator itself sent, p99 in ms: if high, the generator (not the target) was the limit. */
  sendLagP99: number;
}

const BODY_FILLER = ' I just need someone to listen for a moment, thank you for being here tonight.';

interface Pair {
  conversationId: string;
  sockets: [WireSocket, WireSocket];
}

interface Pending {
  at: number;
  receiver: WireSocket;
}

let target: TargetInfo;
let tokens: TokenService | undefined;
const pairs: Pair[] = [];
const idle: WireSocket[] = [];
const pending = new Map<number, Pending>();
let nextId = 0;
/** Called with (latency ms) whenever a peer receives a message this generator is tracking. */
let onDelivered: (ms: number) => void = () => {};

const visitorAuth = (id: string) => (target.kind === 'beside' ? { token: tokens!.signVisitor(id) } : {});
const volunteerAuth = (id: string) => (target.kind === 'beside' ? { token: tokens!.signAccess(id, 'volunteer') } : {});

function waitForEvent<T>(socket: WireSocket, name: string, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const previous = socket.onEvent;
    const timer = setTimeout(() => {
      socket.onEvent = previous;
      reject(new Error(`timed out waiting for ${name}`));
    }, timeoutMs);
    socket.onEvent = (frame) => {
      if (eventName(frame) !== name) return previous(frame);
      clearTimeout(timer);
      socket.onEvent = previous;
      resolve(eventPayload<T>(frame));
    };
  });
}

/** Watches a socket's incoming messages for ones this generator sent to it, and times them. */
function watchDeliveries(socket: WireSocket): void {
  socket.onEvent = (frame) => {
    if (!frame.startsWith('42["message:new"')) return;
    const at = frame.indexOf('"body":"#');
    if (at < 0) return;
    const id = parseInt(frame.slice(at + 9, at + 24), 10);
    const p = pending.get(id);
    if (!p || p.receiver !== socket) return;
    pending.delete(id);
    onDelivered(performance.now() - p.at);
  };
}

/** Sends one tracked message from one side of a pair; `scheduledAt` is when it should have left (open loop). */
function sendTracked(pair: Pair, side: 0 | 1, scheduledAt: number, onAck?: (ms: number) => void): void {
  const id = nextId++;
  pending.set(id, { at: scheduledAt, receiver: pair.sockets[1 - side]! });
  const sentAt = performance.now();
  pair.sockets[side].emit(
    'message:send',
    { conversationId: pair.conversationId, clientId: randomUUID(), body: `#${id}#${BODY_FILLER}` },
    // Always with an acknowledgement, as real clients send: the server's ack is part of the work measured.
    onAck ? () => onAck(performance.now() - sentAt) : noop,
  );
}

/** Pairs `count` survivors with volunteers; each pair is one conversation, identified from both sides' events. */
async function pairUp(count: number, volunteerIds: string[], visitorIds: string[]): Promise<Pair[]> {
  const made: Pair[] = [];
  if (target.kind === 'baseline') {
    // The bare relay pairs whoever asks next, so pairs are made one after the other.
    for (let i = 0; i < count; i++) {
      const volunteer = await WireSocket.connect(target.volunteerUrl, {});
      const visitor = await WireSocket.connect(target.visitorUrl, {});
      await volunteer.request('pair', {});
      const started = waitForEvent<{ id: string }>(visitor, 'conversation:started');
      await visitor.request('pair', {});
      made.push({ conversationId: (await started).id, sockets: [visitor, volunteer] });
    }
    return made;
  }
  // Beside routes each survivor to whichever volunteer is best: all volunteers go on shift first, then survivors
  // join, and each volunteer's socket is found by the conversation it is told about.
  const volunteerOf = new Map<string, WireSocket>();
  const volunteers = await Promise.all(
    volunteerIds.slice(0, count).map(async (id) => {
      const v = await WireSocket.connect(target.volunteerUrl, volunteerAuth(id));
      v.onEvent = (frame) => {
        if (eventName(frame) === 'conversation:started') volunteerOf.set(eventPayload<{ id: string }>(frame).id, v);
      };
      await v.request('shift:set', { onShift: true });
      return v;
    }),
  );
  for (let i = 0; i < count; i += 8) {
    const batch = visitorIds.slice(i, Math.min(count, i + 8)).map(async (id) => {
      const visitor = await WireSocket.connect(target.visitorUrl, visitorAuth(id));
      const started = waitForEvent<{ id: string }>(visitor, 'conversation:started');
      await visitor.request('queue:join', { inDanger: false, topic: 'workplace', language: 'en' });
      return { visitor, conversationId: (await started).id };
    });
    for (const { visitor, conversationId } of await Promise.all(batch)) {
      made.push({ conversationId, sockets: [visitor, undefined as unknown as WireSocket] });
    }
  }
  const until = performance.now() + 15_000;
  while (made.some((p) => !volunteerOf.has(p.conversationId)) && performance.now() < until) await sleep(10);
  for (const p of made) {
    const v = volunteerOf.get(p.conversationId);
    if (!v) throw new Error('a volunteer was never told of their conversation');
    p.sockets[1] = v;
  }
  if (volunteers.length !== made.length) throw new Error('unequal pairs');
  return made;
}

/** Time from asking to be paired to being told of the conversation, with a free volunteer waiting each time. */
/** The first `warmup` matches are made but not timed (a cold JIT and cold caches are not the steady state). */
async function measureMatch(samples: number, warmup: number, volunteerIds: string[], visitorIds: string[]): Promise<Percentiles> {
  const times: number[] = [];
  const volunteers: WireSocket[] = [];
  if (target.kind === 'beside') {
    for (const id of volunteerIds) {
      const v = await WireSocket.connect(target.volunteerUrl, volunteerAuth(id));
      await v.request('shift:set', { onShift: true });
      volunteers.push(v);
    }
  }
  for (let i = 0; i < warmup + samples; i++) {
    const visitor = await WireSocket.connect(target.visitorUrl, visitorAuth(visitorIds[i]!));
    if (target.kind === 'baseline') {
      const volunteer = await WireSocket.connect(target.volunteerUrl, {});
      await volunteer.request('pair', {});
      const t0 = performance.now();
      const started = waitForEvent(visitor, 'conversation:started');
      visitor.emit('pair', {}, () => {});
      await started;
      if (i >= warmup) times.push(performance.now() - t0);
      volunteer.close();
    } else {
      const t0 = performance.now();
      const started = waitForEvent<{ id: string }>(visitor, 'conversation:started');
      visitor.emit('queue:join', { inDanger: false, topic: 'workplace', language: 'en' }, () => {});
      const conversation = await started;
      if (i >= warmup) times.push(performance.now() - t0);
      // Ending frees the volunteer (cool-down is 0 in the benchmark), so each sample finds free volunteers.
      await visitor.request('conversation:end', { conversationId: conversation.id });
    }
    visitor.close();
  }
  for (const v of volunteers) v.close();
  return percentiles(times);
}

function outstanding(): number {
  return pending.size;
}

async function drain(timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (pending.size > 0 && performance.now() < until) await sleep(20);
}

/** Closed loop: every socket keeps `window` messages in flight; throughput is what peers received per second. */
async function saturate(warmupSeconds: number, seconds: number, window: number): Promise<SaturationResult> {
  let running = true;
  let measuring = false;
  let delivered = 0;
  let acked = 0;
  const ackTimes: number[] = [];
  onDelivered = () => {
    if (measuring) delivered++;
  };
  const pump = (pair: Pair, side: 0 | 1) => {
    if (!running) return;
    sendTracked(pair, side, performance.now(), (ms) => {
      if (measuring) {
        acked++;
        ackTimes.push(ms);
      }
      pump(pair, side);
    });
  };
  for (const pair of pairs) {
    for (let w = 0; w < window; w++) {
      pump(pair, 0);
      pump(pair, 1);
    }
  }
  await sleep(warmupSeconds * 1000);
  measuring = true;
  const t0 = performance.now();
  await sleep(seconds * 1000);
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  running = false;
  await drain(30_000);
  pending.clear();
  onDelivered = () => {};
  return { seconds: elapsed, delivered, acked, throughput: Math.round(delivered / elapsed), ackLatency: percentiles(ackTimes) };
}

/**
 * Open loop: messages leave on a fixed schedule whatever the replies, and latency counts from the scheduled time,
 * so a slow target cannot hide its queueing by slowing the sender down.
 */
async function openLoop(rate: number, seconds: number): Promise<OpenLoopResult> {
  const latencies: number[] = [];
  const lags: number[] = [];
  onDelivered = (ms) => latencies.push(ms);
  const total = Math.round(rate * seconds);
  const maxBehind = Math.max(200, rate);
  const start = performance.now() + 5;
  let sent = 0;
  let overloaded = false;
  let turn = 0;
  while (sent < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - start) / 1000) * rate));
    while (sent < due) {
      const scheduledAt = start + (sent / rate) * 1000;
      lags.push(now - scheduledAt);
      const pair = pairs[turn % pairs.length]!;
      sendTracked(pair, ((turn / pairs.length) | 0) % 2 === 0 ? 0 : 1, scheduledAt);
      turn++;
      sent++;
    }
    if (outstanding() > maxBehind) {
      overloaded = true;
      break;
    }
    await sleep(1);
  }
  await drain(overloaded ? 15_000 : 10_000);
  const undelivered = pending.size;
  for (let i = 0; i < undelivered; i++) latencies.push(Infinity);
  pending.clear();
  onDelivered = () => {};
  return {
    rate: Math.round(rate),
    sent,
    delivered: sent - undelivered,
    undelivered,
    overloaded,
    latency: percentiles(latencies),
    sendLagP99: percentiles(lags).p99,
  };
}

/** Opens `count` more idle survivor connections, spread over the nodes, a bounded number at a time. */
async function openIdle(
  count: number,
  visitorIds: string[],
  deadlineSeconds: number,
): Promise<{ connected: number; failed: number; seconds: number; gaveUp: boolean }> {
  const t0 = performance.now();
  const deadline = t0 + deadlineSeconds * 1000;
  let failed = 0;
  let connected = 0;
  let index = 0;
  const worker = async () => {
    // A target too slow to accept them in time is reported with what it accepted, so the run stays bounded.
    while (index < count && performance.now() < deadline) {
      const i = index++;
      const url = target.nodeUrls[i % target.nodeUrls.length]!;
      try {
        idle.push(await WireSocket.connect(url, visitorAuth(visitorIds[i]!), 30_000));
        connected++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  return { connected, failed, seconds: (performance.now() - t0) / 1000, gaveUp: index < count };
}

function closeAll(): void {
  for (const p of pairs) for (const s of p.sockets) s.close();
  for (const s of idle) s.close();
  pairs.length = 0;
  idle.length = 0;
  pending.clear();
}

const noop = () => {};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'init':
      target = command.target;
      tokens = command.target.jwtSecret ? createTokenService(command.target.jwtSecret) : undefined;
      return null;
    case 'match':
      return measureMatch(command.samples, command.warmup, command.volunteerIds, command.visitorIds);
    case 'pairs': {
      for (const pair of await pairUp(command.count, command.volunteerIds, command.visitorIds)) {
        for (const s of pair.sockets) watchDeliveries(s);
        pairs.push(pair);
      }
      return { pairs: pairs.length };
    }
    case 'saturate':
      return saturate(command.warmupSeconds, command.seconds, command.window);
    case 'openLoop':
      return openLoop(command.rate, command.seconds);
    case 'idle':
      return openIdle(command.count, command.visitorIds, command.deadlineSeconds);
    case 'closeAll':
      closeAll();
      return null;
  }
}

process.on('message', (msg: { id: number; command: Command }) => {
  run(msg.command).then(
    (result) => process.send!({ id: msg.id, result }),
    (err: unknown) => process.send!({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
