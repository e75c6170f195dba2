// Alerts: every sign of danger raises the same kind of alert, one live alert per conversation thread (or per waiting
// queue entry before a match). Signs are added to it, a supervisor acknowledges it with a reason (audited), and it
// closes when the thread is over. No message content is ever part of an alert.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { AlertAckReason, AlertClosed, AlertKind, AlertView, CrisisKindName, ImminentEndReason, Language, SupervisorReach, Topic } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { rowsOf } from '../../db/connect.js';
import { alerts, conversations, queueEntries, staff } from '../../db/schema.js';
import { recordAudit } from '../core/audit.js';
import { Forbidden, NotFound } from '../core/errors.js';
import type { Services } from '../core/services.js';
import { cancelPage, pageStatus, repage, schedulePage } from './paging.js';
import { supervisorCoverage } from '../staff/supervisors.js';

type AlertRow = typeof alerts.$inferSelect;
export type AlertDeps = Pick<Services, 'db' | 'clock' | 'live' | 'config'>;

export interface AlertSign {
  /** The conversation the sign came from (its thread carries the alert). */
  conversationId?: string;
  /** A waiting queue entry (the intake's danger answer, an urgent survivor waiting too long). */
  queueEntryId?: string;
  kind: AlertKind;
  crisisKinds?: CrisisKindName[];
  imminent?: boolean;
}

interface Target {
  threadId: string | null;
  conversationId: string | null;
  queueEntryId: string | null;
}

async function targetOf(db: Db, sign: AlertSign): Promise<Target | undefined> {
  if (sign.conversationId) {
    const [c] = await db
      .select({ id: conversations.id, threadId: conversations.threadId, queueEntryId: conversations.queueEntryId })
      .from(conversations)
      .where(eq(conversations.id, sign.conversationId));
    return c ? { threadId: c.threadId, conversationId: c.id, queueEntryId: c.queueEntryId } : undefined;
  }
  if (!sign.queueEntryId) return undefined;
  const [q] = await db
    .select({ id: queueEntries.id, previous: queueEntries.previousConversationId })
    .from(queueEntries)
    .where(eq(queueEntries.id, sign.queueEntryId));
  if (!q) return undefined;
  // A survivor back in the queue continues a thread: the sign joins that thread's alert.
  if (q.previous) {
    const [c] = await db.select({ threadId: conversations.threadId }).from(conversations).where(eq(conversations.id, q.previous));
    if (c) return { threadId: c.threadId, conversationId: q.previous, queueEntryId: q.id };
  }
  return { threadId: null, conversationId: null, queueEntryId: q.id };
}

async function liveAlertOf(db: Db, t: Target): Promise<AlertRow | undefined> {
  const where = t.threadId
    ? and(eq(alerts.threadId, t.threadId), ne(alerts.status, 'closed'))
    : and(eq(alerts.queueEntryId, t.queueEntryId!), sql`${alerts.threadId} IS NULL`, ne(alerts.status, 'closed'));
  const [row] = await db.select().from(alerts).where(where).limit(1);
  return row;
}

const union = <T extends string>(a: readonly string[], b: readonly T[]): T[] => [...new Set([...(a as T[]), ...b])];

/**
 * Adds a sign to the live alert of its thread (or waiting entry), creating the alert when there is none. A sign that
 * adds nothing (the same kind again) changes nothing. A new kind on an acknowledged alert opens it again: a new sign
 * of danger needs someone to look again. Tells the moderators (`alert:raised`) when anything changed.
 */
export async function raiseAlert(deps: AlertDeps, sign: AlertSign): Promise<{ alert: AlertView; created: boolean; changed: boolean } | undefined> {
  const { db, clock } = deps;
  const t = await targetOf(db, sign);
  if (!t) return undefined;
  const crisisKinds = sign.crisisKinds ?? [];
  const imminent = sign.imminent ?? false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = clock.now();
    const live = await liveAlertOf(db, t);
    if (live) {
      const kinds = union<AlertKind>(live.kinds, [sign.kind]);
      const crisis = union<CrisisKindName>(live.crisisKinds, crisisKinds);
      const newKind = kinds.length > live.kinds.length;
      const changed = newKind || crisis.length > live.crisisKinds.length || (imminent && !live.imminent);
      if (!changed) return { alert: (await alertView(db, live.id))!, created: false, changed: false };
      const reopens = live.status === 'acknowledged' && (newKind || (imminent && !live.imminent));
      await db
        .update(alerts)
        .set({
          kinds,
          crisisKinds: crisis,
          imminent: live.imminent || imminent,
          updatedAt: now,
          ...(t.conversationId ? { conversationId: t.conversationId } : {}),
          // A new kind of sign (or imminence) after an acknowledgement needs a supervisor to look again.
          ...(reopens ? { status: 'open' } : {}),
        })
        .where(eq(alerts.id, live.id));
      await auditAlert(deps, live.id, 'alert.sign_added', { kind: sign.kind, kinds: kinds.join(','), imminent: live.imminent || imminent });
      // Open again with nobody looking: the on-call supervisor is paged again, by the same rule as the first time.
      if (reopens) await repage(deps, { alertId: live.id, kind: sign.kind, raisedAt: now });
      const view = (await alertView(db, live.id))!;
      deps.live.emit({ moderators: true }, 'alert:raised', view);
      return { alert: view, created: false, changed: true };
    }
    const id = randomUUID();
    const inserted = await db
      .insert(alerts)
      .values({
        id,
        threadId: t.threadId,
        conversationId: t.conversationId,
        queueEntryId: t.queueEntryId,
        kinds: [sign.kind],
        crisisKinds,
        imminent,
        status: 'open',
        raisedAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: alerts.id });
    // Another node raised the thread's alert at the same moment: add this sign to it.
    if (inserted.length === 0) continue;
    await auditAlert(deps, id, 'alert.raised', { kind: sign.kind, imminent });
    // The on-call supervisor is paged at once when no supervisor is online, else unless someone acknowledges in time.
    await schedulePage(deps, { alertId: id, kind: sign.kind, raisedAt: now });
    const view = (await alertView(db, id))!;
    deps.live.emit({ moderators: true }, 'alert:raised', view);
    return { alert: view, created: true, changed: true };
  }
  return undefined;
}

function auditAlert(deps: AlertDeps, alertId: string, action: string, details: Record<string, string | number | boolean | null>) {
  return recordAudit(deps.db, deps.clock, { actorId: null, actorRole: 'system', action, targetType: 'alert', targetId: alertId, details });
}

/**
 * A survivor with a waiting alert was matched: the alert follows them into the conversation (and its thread), so the
 * volunteer's chat carries it from the first second.
 */
export async function alertFollowsMatch(deps: AlertDeps, conversationId: string): Promise<AlertView | undefined> {
  const { db } = deps;
  const [c] = await db
    .select({ id: conversations.id, threadId: conversations.threadId, queueEntryId: conversations.queueEntryId })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  if (!c) return undefined;
  const [threadAlert] = await db.select().from(alerts).where(and(eq(alerts.threadId, c.threadId), ne(alerts.status, 'closed'))).limit(1);
  const [entryAlert] = c.queueEntryId
    ? await db
        .select()
        .from(alerts)
        .where(and(eq(alerts.queueEntryId, c.queueEntryId), sql`${alerts.threadId} IS NULL`, ne(alerts.status, 'closed')))
        .limit(1)
    : [];
  let id: string | undefined;
  if (threadAlert) {
    id = threadAlert.id;
    await db
      .update(alerts)
      .set({
        conversationId: c.id,
        ...(entryAlert
          ? {
              kinds: union<string>(threadAlert.kinds, entryAlert.kinds),
              crisisKinds: union<string>(threadAlert.crisisKinds, entryAlert.crisisKinds),
              imminent: threadAlert.imminent || entryAlert.imminent,
            }
          : {}),
      })
      .where(eq(alerts.id, threadAlert.id));
    if (entryAlert) await db.update(alerts).set({ status: 'closed', closedAt: deps.clock.now() }).where(eq(alerts.id, entryAlert.id));
  } else if (entryAlert) {
    id = entryAlert.id;
    await db.update(alerts).set({ conversationId: c.id, threadId: c.threadId }).where(eq(alerts.id, entryAlert.id));
  }
  if (!id) return undefined;
  const view = await alertView(db, id);
  if (view) deps.live.emit({ moderators: true }, 'alert:updated', view);
  return view;
}

/** The supervisor acknowledges an alert, saying why; their name and reason are kept and audited. */
export async function acknowledgeAlert(
  deps: AlertDeps,
  alertId: string,
  by: { id: string; role: string; ipHash: string | null },
  reason: AlertAckReason,
): Promise<AlertView> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(alerts)
    .set({ status: 'acknowledged', acknowledgedBy: by.id, acknowledgedAt: now, ackReason: reason })
    .where(and(eq(alerts.id, alertId), ne(alerts.status, 'closed')))
    .returning();
  if (!row) {
    const [exists] = await deps.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.id, alertId));
    throw exists ? new Forbidden('This alert is closed: the chat behind it is over.') : new NotFound('No such alert.');
  }
  await recordAudit(deps.db, deps.clock, {
    actorId: by.id,
    actorRole: by.role,
    action: 'alert.acknowledged',
    targetType: 'alert',
    targetId: alertId,
    ipHash: by.ipHash,
    details: { reason, kinds: row.kinds.join(','), imminent: row.imminent, conversationId: row.conversationId },
  });
  // Someone has it: a page not yet sent is no longer needed.
  await cancelPage(deps, alertId);
  const view = (await alertView(deps.db, alertId))!;
  deps.live.emit({ moderators: true }, 'alert:updated', view);
  await announceReach(deps, alertId);
  return view;
}

/**
 * Tells the volunteer of an alert's live chat who it reaches now (`risk:reach`), so their screen never keeps a
 * promise the state no longer holds: after a page is sent or fails for good, and after an acknowledgement.
 */
export async function announceReach(deps: AlertDeps, alertId: string): Promise<void> {
  const view = await alertView(deps.db, alertId);
  if (!view?.conversationId || !view.volunteerId || view.status === 'closed') return;
  const reach = await supervisorReach(deps, view.conversationId);
  deps.live.emit({ staff: [view.volunteerId] }, 'risk:reach', {
    conversationId: view.conversationId,
    reach,
    ...(view.status === 'acknowledged' && view.acknowledgedByName ? { acknowledgedByName: view.acknowledgedByName } : {}),
  });
}

/** Observing a chat acknowledges its open alert (reason `observing`), in the observer's name. */
export async function acknowledgeByObserving(deps: AlertDeps, conversationId: string, by: { id: string; role: string; ipHash: string | null }) {
  const [c] = await deps.db.select({ threadId: conversations.threadId }).from(conversations).where(eq(conversations.id, conversationId));
  if (!c) return undefined;
  const [open] = await deps.db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.threadId, c.threadId), eq(alerts.status, 'open')));
  return open ? acknowledgeAlert(deps, open.id, by, 'observing') : undefined;
}

/** The thread's live alert holds the volunteer back from ending alone: imminent and no supervisor acknowledged it. */
export async function imminentUnacknowledged(db: Db, conversationId: string): Promise<AlertRow | undefined> {
  const [row] = await db
    .select({ a: alerts })
    .from(alerts)
    .innerJoin(conversations, eq(conversations.threadId, alerts.threadId))
    .where(and(eq(conversations.id, conversationId), eq(alerts.status, 'open'), eq(alerts.imminent, true)));
  return row?.a;
}

/** Records why a volunteer ended an imminent chat alone (the alert keeps the reason; the audit log names them). */
export async function recordImminentEnd(
  deps: AlertDeps,
  alertId: string,
  by: { id: string; role: string; ipHash: string | null },
  reason: ImminentEndReason,
): Promise<void> {
  await deps.db.update(alerts).set({ endReason: reason }).where(eq(alerts.id, alertId));
  await recordAudit(deps.db, deps.clock, {
    actorId: by.id,
    actorRole: by.role,
    action: 'alert.ended_alone',
    targetType: 'alert',
    targetId: alertId,
    ipHash: by.ipHash,
    details: { reason },
  });
}

/** A thread is over (its last conversation ended and does not continue): its alert closes. */
export async function closeThreadAlert(deps: AlertDeps, conversationId: string): Promise<void> {
  const rows = rowsOf<{ id: string; closed_at: Date | string }>(
    await deps.db.execute(sql`
      UPDATE alerts SET status = 'closed', closed_at = ${deps.clock.now().toISOString()}::timestamptz
      WHERE status <> 'closed' AND thread_id = (SELECT thread_id FROM conversations WHERE id = ${conversationId}::uuid)
      RETURNING id, closed_at`),
  );
  for (const r of rows) emitClosed(deps, r.id, r.closed_at);
}

function emitClosed(deps: AlertDeps, id: string, at: Date | string) {
  const closed: AlertClosed = { id, closedAt: new Date(at).toISOString() };
  deps.live.emit({ moderators: true }, 'alert:closed', closed);
}

/**
 * Alerts whose survivor is gone (left the queue, expired, quick exit, a thread that ended while back in the queue)
 * close: nothing live remains of their thread or entry.
 */
async function closeStaleAlerts(deps: AlertDeps): Promise<void> {
  const rows = rowsOf<{ id: string; closed_at: Date | string }>(
    await deps.db.execute(sql`
      UPDATE alerts a SET status = 'closed', closed_at = ${deps.clock.now().toISOString()}::timestamptz
      WHERE a.status <> 'closed'
        AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.status = 'active' AND c.thread_id = a.thread_id)
        AND NOT EXISTS (
          SELECT 1 FROM queue_entries q WHERE q.status = 'waiting'
            AND (q.id = a.queue_entry_id
                 OR q.previous_conversation_id IN (SELECT id FROM conversations WHERE thread_id = a.thread_id)))
      RETURNING id, closed_at`),
  );
  for (const r of rows) emitClosed(deps, r.id, r.closed_at);
}

interface ViewRow {
  a: AlertRow;
  convStatus: string | null;
  convTopic: Topic | null;
  convLanguage: Language | null;
  convUrgent: boolean | null;
  volunteerId: string | null;
  volunteerName: string | null;
  entryStatus: string | null;
  entryTopic: Topic | null;
  entryLanguage: Language | null;
  entryUrgent: boolean | null;
  ackName: string | null;
}

async function selectViews(db: Db, where: ReturnType<typeof eq> | undefined): Promise<AlertView[]> {
  const rows: ViewRow[] = await db
    .select({
      a: alerts,
      convStatus: conversations.status,
      convTopic: conversations.topic,
      convLanguage: conversations.language,
      convUrgent: conversations.urgent,
      volunteerId: conversations.volunteerId,
      volunteerName: sql<string | null>`(SELECT display_name FROM staff WHERE id = ${conversations.volunteerId})`,
      entryStatus: queueEntries.status,
      entryTopic: queueEntries.topic,
      entryLanguage: queueEntries.language,
      entryUrgent: queueEntries.urgent,
      ackName: staff.displayName,
    })
    .from(alerts)
    .leftJoin(conversations, eq(conversations.id, alerts.conversationId))
    .leftJoin(queueEntries, eq(queueEntries.id, alerts.queueEntryId))
    .leftJoin(staff, eq(staff.id, alerts.acknowledgedBy))
    .where(where)
    .orderBy(asc(alerts.raisedAt))
    .limit(500);
  return rows.map(toView);
}

function toView(r: ViewRow): AlertView {
  const a = r.a;
  const chatLive = r.convStatus === 'active';
  return {
    id: a.id,
    ...(chatLive && a.conversationId ? { conversationId: a.conversationId } : {}),
    ...(a.queueEntryId && r.entryStatus === 'waiting' ? { queueEntryId: a.queueEntryId } : {}),
    kinds: a.kinds as AlertKind[],
    crisisKinds: a.crisisKinds as CrisisKindName[],
    imminent: a.imminent,
    status: a.status as AlertView['status'],
    topic: (r.convTopic ?? r.entryTopic ?? 'other') as Topic,
    language: (r.convLanguage ?? r.entryLanguage ?? 'en') as Language,
    urgent: r.convUrgent ?? r.entryUrgent ?? false,
    ...(chatLive && r.volunteerId ? { volunteerId: r.volunteerId, volunteerName: r.volunteerName ?? '' } : {}),
    raisedAt: a.raisedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    ...(a.acknowledgedAt ? { acknowledgedAt: a.acknowledgedAt.toISOString() } : {}),
    ...(r.ackName ? { acknowledgedByName: r.ackName } : {}),
    ...(a.ackReason ? { ackReason: a.ackReason as AlertAckReason } : {}),
  };
}

export async function alertView(db: Db, id: string): Promise<AlertView | undefined> {
  return (await selectViews(db, eq(alerts.id, id)))[0];
}

/** Every live alert, oldest first (the console's cards after a reload). Alerts whose survivor is gone are closed first. */
export async function liveAlerts(deps: AlertDeps): Promise<AlertView[]> {
  await closeStaleAlerts(deps);
  return selectViews(deps.db, ne(alerts.status, 'closed'));
}

/** The live alert of a conversation's thread, if any. */
export async function alertOfConversation(db: Db, conversationId: string): Promise<AlertView | undefined> {
  const [c] = await db.select({ threadId: conversations.threadId }).from(conversations).where(eq(conversations.id, conversationId));
  if (!c) return undefined;
  return (await selectViews(db, and(eq(alerts.threadId, c.threadId), ne(alerts.status, 'closed'))))[0];
}

/**
 * Urgent survivors waiting since before `before` whose alert does not yet say they waited too long; and when the
 * next one falls due (null: nobody urgent is waiting).
 */
export async function overdueUrgentEntries(db: Db, before: Date): Promise<{ due: string[]; next: Date | null }> {
  const rows = rowsOf<{ id: string; queued_at: Date | string }>(
    await db.execute(sql`
      SELECT q.id, q.queued_at FROM queue_entries q
      WHERE q.status = 'waiting' AND q.urgent
        AND NOT EXISTS (
          SELECT 1 FROM alerts a WHERE a.status <> 'closed' AND 'urgent_waiting' = ANY(a.kinds)
            AND (a.queue_entry_id = q.id
                 OR a.thread_id = (SELECT thread_id FROM conversations WHERE id = q.previous_conversation_id)))
      ORDER BY q.queued_at`),
  );
  const due: string[] = [];
  let next: Date | null = null;
  for (const r of rows) {
    const at = new Date(r.queued_at);
    if (at <= before) due.push(r.id);
    else if (!next || at < next) next = at;
  }
  return { due, next };
}

/**
 * Who a conversation's alert reached right now: the supervisors online, or else the on-call supervisor paged (the
 * page pending or sent), or on call but not reachable by page, or nobody on call. The words on the volunteer's
 * screen come from this, never from a hope.
 */
export async function supervisorReach(deps: AlertDeps, conversationId: string): Promise<SupervisorReach> {
  const coverage = await supervisorCoverage(deps);
  if (coverage.online.length > 0) return { state: 'online', names: coverage.online.map((s) => s.name) };
  if (coverage.onCall.length === 0) return { state: 'none' };
  const onCall = coverage.onCall.map((s) => s.name);
  const alert = await alertOfConversation(deps.db, conversationId);
  const status = alert ? await pageStatus(deps.db, alert.id) : 'none';
  return status === 'pending' || status === 'sent' ? { state: 'paged', onCall } : { state: 'unreachable', onCall };
}
