// The surge's load generator, in its own process (pinned to its own core), driven by bench/surge.ts over IPC:
// volunteers on shift, moderators watching, survivors arriving, waiting and chatting at a human pace.
import { randomUUID } from 'node:crypto';
import { createTokenService, type TokenService } from '../server/src/security/tokens.js';
import { StalenessTracker } from './lib/staleness.js';
import { percentiles, type Percentiles } from './lib/stats.js';
import { eventName, eventPayload, WireSocket } from './lib/wire.js';

export interface SurgePlan {
  kind: 'baseline' | 'beside';
  nodeUrls: string[];
  jwtSecret?: string;
  volunteerIds: string[];
  moderatorIds: string[];
  visitorIds: string[];
  /** Survivors arrive over this many seconds (a Poisson process). */
  arrivalSeconds: number;
  /** After the last arrival the run goes on this long, then stops sending and counts. */
  tailSeconds: number;
  /** Each chat lasts between these (seconds), then its volunteer ends it. */
  chatSeconds: [number, number];
  /** Each side sends a message every this many seconds (uniform). */
  messageEverySeconds: [number, number];
  /** Share of chats in which the survivor writes words the crisis detector catches. */
  crisisShare: number;
}

export interface SurgeResult {
  arrived: number;
  connectFailures: number;
  joinFailures: number;
  matched: number;
  waitingAtEnd: number;
  chatsEnded: number;
  /** Join → conversation:started, for survivors matched. */
  timeToMatch: Percentiles;
  /** A volunteer ends a chat → that volunteer's next conversation:started, while survivors wait. */
  slotRefill: Percentiles;
  /** Send → the peer's message:new. */
  messageLatency: Percentiles;
  messagesAcked: number;
  /** Acknowledged but never delivered to the peer (counted after a drain). */
  messagesDropped: number;
  /** Delivered to the peer more than once. */
  messagesDuplicated: number;
  messagesRefused: number;
  /** conversation:started seen by one side only. */
  startsDropped: number;
  startsDuplicated: number;
  /** How long a waiting survivor's told position stayed out of date. */
  positionStaleness: Percentiles;
  positionPushes: number;
  alertsExpected: number;
  alertsReceived: number;
  alertLatency: Percentiles;
  /** How late the generator itself sent (p99, ms): high means the generator, not the target, was the limit. */
  sendLagP99: number;
}

const BODY = ' it has been a hard week and I wanted to talk to someone about what happened at work.';
const CRISIS_BODY = ' sometimes I think I want to kill myself.';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = ([lo, hi]: [number, number]) => lo + Math.random() * (hi - lo);

async function run(plan: SurgePlan): Promise<SurgeResult> {
  const tokens: TokenService | undefined = plan.jwtSecret ? createTokenService(plan.jwtSecret) : undefined;
  const beside = plan.kind === 'beside';
  const urlFor = (i: number) => plan.nodeUrls[i % plan.nodeUrls.length]!;
  const staleness = new StalenessTracker();
  const waits: number[] = [];
  const refills: number[] = [];
  const latencies: number[] = [];
  const alertLatencies: number[] = [];
  const lags: number[] = [];
  let stopping = false;
  const counts = { connectFailures: 0, joinFailures: 0, matched: 0, ended: 0, acked: 0, refused: 0, dup: 0, startsDup: 0, alertsReceived: 0 };
  /** Messages sent and not yet seen by their receiver (the sender's own copy, which the bare relay sends back, is not counted). */
  const inFlight = new Map<number, { at: number; acked: boolean }>();
  const senderOf = new Map<number, WireSocket>();
  const delivered = new Set<number>();
  let nextMessage = 0;
  /** conversation id → who has seen it start, and when the crisis words were sent. */
  const starts = new Map<string, { survivor: boolean; volunteer: boolean }>();
  const crisisSentAt = new Map<string, number>();
  const alerted = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopping) fn();
    }, ms);
    timers.add(t);
  };

  const watchMessages = (socket: WireSocket, onOther: (frame: string) => void) => {
    socket.onEvent = (frame) => {
      if (frame.startsWith('42["message:new"')) {
        const at = frame.indexOf('"body":"#');
        if (at < 0) return;
        const id = parseInt(frame.slice(at + 9, at + 24), 10);
        if (senderOf.get(id) === socket) return;
        const sent = inFlight.get(id);
        if (sent) {
          inFlight.delete(id);
          delivered.add(id);
          latencies.push(performance.now() - sent.at);
        } else if (delivered.has(id)) counts.dup++;
        return;
      }
      onOther(frame);
    };
  };

  /** One side of a chat: a message every few seconds until the chat ends. */
  const chatter = (socket: WireSocket, conversationId: string, live: () => boolean, crisis: boolean) => {
    const send = () => {
      if (!live()) return;
      const id = nextMessage++;
      const at = performance.now();
      const withCrisis = crisis && !crisisSentAt.has(conversationId);
      if (withCrisis) crisisSentAt.set(conversationId, at);
      const entry = { at, acked: false };
      inFlight.set(id, entry);
      senderOf.set(id, socket);
      socket.emit('message:send', { conversationId, clientId: randomUUID(), body: `#${id}#${withCrisis ? CRISIS_BODY : BODY}` }, (raw) => {
        if (raw.includes('"ok":true')) {
          entry.acked = true;
          counts.acked++;
        } else {
          inFlight.delete(id);
          counts.refused++;
        }
      });
      later(between(plan.messageEverySeconds) * 1000, send);
    };
    later(between(plan.messageEverySeconds) * 1000, send);
  };

  // Moderators: every alert for a chat whose survivor wrote the crisis words.
  const moderators = await Promise.all(
    plan.moderatorIds.map(async (id, i) => {
      const m = await WireSocket.connect(urlFor(i), beside ? { token: tokens!.signAccess(id, 'moderator') } : { role: 'moderator' });
      m.onEvent = (frame) => {
        if (eventName(frame) !== 'risk:alert') return;
        const { conversationId } = eventPayload<{ conversationId: string }>(frame);
        const sentAt = crisisSentAt.get(conversationId);
        if (sentAt === undefined || alerted.has(conversationId)) return;
        alerted.add(conversationId);
        counts.alertsReceived++;
        alertLatencies.push(performance.now() - sentAt);
      };
      return m;
    }),
  );

  // Volunteers: on shift at capacity 1-3; each new chat is theirs until they end it.
  const volunteerOf = new Map<string, WireSocket>();
  const endedAt = new Map<WireSocket, number>();
  const volunteers = await Promise.all(
    plan.volunteerIds.map(async (id, i) => {
      const v = await WireSocket.connect(urlFor(i), beside ? { token: tokens!.signAccess(id, 'volunteer') } : {});
      watchMessages(v, (frame) => {
        if (eventName(frame) !== 'conversation:started') return;
        const { id: conversationId } = eventPayload<{ id: string }>(frame);
        const seen = starts.get(conversationId) ?? { survivor: false, volunteer: false };
        if (seen.volunteer) counts.startsDup++;
        seen.volunteer = true;
        starts.set(conversationId, seen);
        volunteerOf.set(conversationId, v);
        const freedAt = endedAt.get(v);
        if (freedAt !== undefined) {
          refills.push(performance.now() - freedAt);
          endedAt.delete(v);
        }
        let live = true;
        chatter(v, conversationId, () => live && !stopping, false);
        later(between(plan.chatSeconds) * 1000, () => {
          live = false;
          endedAt.set(v, performance.now());
          v.request('conversation:end', { conversationId }).then(
            () => counts.ended++,
            () => undefined,
          );
        });
      });
      await v.request('shift:set', { onShift: true, capacity: 1 + (i % 3) });
      return v;
    }),
  );

  // Survivors: arrive, join, wait (told their place), chat until the volunteer ends it, then leave.
  const survivors: WireSocket[] = [];
  const waitingSince = new Map<string, number>();
  const arrive = async (i: number) => {
    const key = `s${i}`;
    let socket: WireSocket;
    try {
      socket = await WireSocket.connect(urlFor(i), beside ? { token: tokens!.signVisitor(plan.visitorIds[i]!) } : {}, 30_000);
    } catch {
      counts.connectFailures++;
      return;
    }
    survivors.push(socket);
    let matchedAt: number | undefined;
    watchMessages(socket, (frame) => {
      const name = eventName(frame);
      if (name === 'queue:status') {
        const status = eventPayload<{ state: string; position?: number }>(frame);
        if (status.state === 'waiting' && status.position !== undefined) staleness.told(key, performance.now(), status.position);
      } else if (name === 'conversation:started') {
        const { id: conversationId } = eventPayload<{ id: string }>(frame);
        const seen = starts.get(conversationId) ?? { survivor: false, volunteer: false };
        if (seen.survivor) counts.startsDup++;
        seen.survivor = true;
        starts.set(conversationId, seen);
        if (matchedAt !== undefined) return;
        matchedAt = performance.now();
        counts.matched++;
        staleness.left(key, matchedAt);
        const since = waitingSince.get(key);
        if (since !== undefined) waits.push(matchedAt - since);
        waitingSince.delete(key);
        let live = true;
        chatter(socket, conversationId, () => live && !stopping, Math.random() < plan.crisisShare);
        socket.onClose = () => (live = false);
      } else if (name === 'conversation:ended') {
        socket.close();
      }
    });
    const sentAt = performance.now();
    waitingSince.set(key, sentAt);
    staleness.asking(key, sentAt);
    try {
      const status = await socket.request<{ state: string; position?: number }>('queue:join', { inDanger: false, topic: 'workplace', language: 'en' }, 30_000);
      if (matchedAt === undefined && status.state === 'waiting') staleness.joined(key, performance.now(), status.position ?? 1);
    } catch {
      counts.joinFailures++;
      staleness.left(key, performance.now());
      waitingSince.delete(key);
    }
  };

  // Arrivals: a Poisson process at plan.visitorIds.length / arrivalSeconds per second.
  const t0 = performance.now();
  const rate = plan.visitorIds.length / plan.arrivalSeconds;
  let due = 0;
  const arrivals: Promise<void>[] = [];
  for (let i = 0; i < plan.visitorIds.length; i++) {
    due += (-Math.log(1 - Math.random()) / rate) * 1000;
    const wait = t0 + due - performance.now();
    if (wait > 1) await sleep(wait);
    lags.push(Math.max(0, performance.now() - (t0 + due)));
    arrivals.push(arrive(i));
  }
  await sleep(plan.tailSeconds * 1000);
  // Stop: no new messages or endings; what was acknowledged has a few seconds to arrive.
  stopping = true;
  for (const t of timers) clearTimeout(t);
  const end = performance.now();
  const drainUntil = end + 10_000;
  while ([...inFlight.values()].some((m) => m.acked) && performance.now() < drainUntil) await sleep(50);
  await Promise.race([Promise.allSettled(arrivals), sleep(5_000)]);
  let startsDropped = 0;
  for (const seen of starts.values()) if (!seen.survivor || !seen.volunteer) startsDropped++;
  const result: SurgeResult = {
    arrived: plan.visitorIds.length,
    connectFailures: counts.connectFailures,
    joinFailures: counts.joinFailures,
    matched: counts.matched,
    waitingAtEnd: waitingSince.size,
    chatsEnded: counts.ended,
    timeToMatch: percentiles(waits),
    slotRefill: percentiles(refills),
    messageLatency: percentiles(latencies),
    messagesAcked: counts.acked,
    messagesDropped: [...inFlight.values()].filter((m) => m.acked).length,
    messagesDuplicated: counts.dup,
    messagesRefused: counts.refused,
    startsDropped,
    startsDuplicated: counts.startsDup,
    positionStaleness: percentiles(staleness.finish(end)),
    positionPushes: staleness.pushes,
    alertsExpected: crisisSentAt.size,
    alertsReceived: counts.alertsReceived,
    alertLatency: percentiles(alertLatencies),
    sendLagP99: percentiles(lags).p99,
  };
  for (const s of [...survivors, ...volunteers, ...moderators]) s.close();
  return result;
}

process.on('message', (msg: { id: number; plan: SurgePlan }) => {
  run(msg.plan).then(
    (result) => process.send!({ id: msg.id, result }),
    (err: unknown) => process.send!({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
