// Paging the on-call supervisor about an alert nobody answers: one page row per alert, due, claimed, sent, retried.
import { createHmac } from 'node:crypto';
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { PageStatus } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { pages } from '../../db/schema.js';
import { recordAudit } from '../core/audit.js';
import type { Services } from '../core/services.js';
import { supervisorCoverage } from '../staff/supervisors.js';

export type PagingDeps = Pick<Services, 'db' | 'clock' | 'live' | 'config'>;
export type PageRow = typeof pages.$inferSelect;

/** What other code tells the pager about an alert. `alertId` is the alert's own id (kept as text, any scheme). */
export interface PageRequest {
  alertId: string;
  kind: string;
  raisedAt: Date;
}

/**
 * Today's alerts as pager alert ids (the same strings the console asks `GET /api/supervision/pages/:alertId`
 * about): a live chat marked high-risk, and a volunteer's help request.
 */
export const alertIdOf = {
  risk: (conversationId: string) => `risk:${conversationId}`,
  help: (helpRequestId: string) => `help:${helpRequestId}`,
};

/** How long a node holds a claimed page before another may take it (a send takes at most the 5 s timeout). */
const CLAIM_MS = 30_000;
const CLAIM_BATCH = 20;

/** The moderator console's path; the page's link points there, never at a conversation. */
export const CONSOLE_PATH = '/moderator';

function audit(deps: Pick<Services, 'db' | 'clock'>, action: string, page: Pick<PageRow, 'alertId' | 'kind'>, details: Record<string, string | number | boolean | null> = {}) {
  return recordAudit(deps.db, deps.clock, {
    actorId: null,
    actorRole: 'system',
    action,
    targetType: 'alert',
    targetId: page.alertId,
    details: { alertId: page.alertId, kind: page.kind, ...details },
  });
}

/**
 * Called when an alert is raised. With no supervisor connected the page is due now; otherwise after
 * PAGE_AFTER_SECONDS from `raisedAt`, unless `cancelPage` comes first. Once per alert: raising it again changes
 * nothing. Without a webhook configured the page is recorded (and audited) as `not_configured` at once, so that
 * the console can say honestly that nobody can be paged.
 */
export async function schedulePage(ctx: PagingDeps, alert: PageRequest): Promise<void> {
  const { db, clock, config } = ctx;
  const now = clock.now();
  if (!config.paging.webhookUrl) {
    const [row] = await db
      .insert(pages)
      .values({ alertId: alert.alertId, kind: alert.kind, raisedAt: alert.raisedAt, dueAt: now, status: 'not_configured', createdAt: now })
      .onConflictDoNothing()
      .returning({ alertId: pages.alertId });
    if (row) await audit(ctx, 'page.not_configured', alert);
    return;
  }
  const { online } = await supervisorCoverage(ctx);
  const dueAt = online.length === 0 ? now : new Date(alert.raisedAt.getTime() + config.paging.afterSeconds * 1000);
  // The insert's trigger (0019) wakes every node's pager.
  const [row] = await db
    .insert(pages)
    .values({ alertId: alert.alertId, kind: alert.kind, raisedAt: alert.raisedAt, dueAt, status: 'pending', createdAt: now })
    .onConflictDoNothing()
    .returning({ alertId: pages.alertId });
  if (row) await audit(ctx, 'page.scheduled', alert, { dueInSeconds: Math.max(0, Math.round((dueAt.getTime() - now.getTime()) / 1000)), supervisorsOnline: online.length });
}

/**
 * Called when an acknowledged alert opens again (a new kind of sign, or imminence): its page, dropped by the
 * acknowledgement or sent or failed before it, is scheduled again as a new page (attempts from 1), by the same rule
 * as the first. A page still pending or being sent is left alone; `not_configured` stays so.
 */
export async function repage(ctx: PagingDeps, alert: PageRequest): Promise<void> {
  const { db, clock, config } = ctx;
  if (!config.paging.webhookUrl) return;
  const now = clock.now();
  const { online } = await supervisorCoverage(ctx);
  const dueAt = online.length === 0 ? now : new Date(now.getTime() + config.paging.afterSeconds * 1000);
  const [row] = await db
    .update(pages)
    .set({ kind: alert.kind, raisedAt: alert.raisedAt, dueAt, status: 'pending', attempts: 0, sentAt: null, lastHttpStatus: null, claimedUntil: null })
    .where(and(eq(pages.alertId, alert.alertId), inArray(pages.status, ['cancelled', 'sent', 'failed'])))
    .returning({ alertId: pages.alertId });
  if (row) {
    await audit(ctx, 'page.scheduled', alert, {
      dueInSeconds: Math.max(0, Math.round((dueAt.getTime() - now.getTime()) / 1000)),
      supervisorsOnline: online.length,
      again: true,
    });
  }
}

/**
 * Called when the alert is acknowledged or answered: a page not yet sent (due later, or waiting for a retry) is
 * dropped. One being sent at this instant still goes; its retries do not.
 */
export async function cancelPage(ctx: Pick<Services, 'db' | 'clock'>, alertId: string): Promise<void> {
  const rows = await ctx.db
    .update(pages)
    .set({ status: 'cancelled' })
    .where(and(eq(pages.alertId, alertId), inArray(pages.status, ['pending', 'sending'])))
    .returning();
  const row = rows[0];
  if (row) await audit(ctx, 'page.cancelled', row, { attempts: row.attempts });
}

/** The words on screen: where an alert's page stands. A cancelled page is no page. */
export async function pageStatus(db: Db, alertId: string): Promise<PageStatus> {
  const [row] = await db.select({ status: pages.status }).from(pages).where(eq(pages.alertId, alertId)).limit(1);
  switch (row?.status) {
    case 'pending':
    case 'sending':
      return 'pending';
    case 'sent':
    case 'failed':
    case 'not_configured':
      return row.status;
    default:
      return 'none';
  }
}

/**
 * Claims the pages due now for this node: pending ones, and ones a node claimed and never finished (it died
 * mid-send). The row lock with SKIP LOCKED and the status change make each claim one node's, whatever the number.
 */
export async function claimDuePages(deps: Pick<Services, 'db' | 'clock'>): Promise<PageRow[]> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ alertId: pages.alertId })
      .from(pages)
      .where(
        or(
          and(eq(pages.status, 'pending'), lte(pages.dueAt, now)),
          and(eq(pages.status, 'sending'), lte(pages.claimedUntil, now)),
        ),
      )
      .orderBy(asc(pages.dueAt))
      .limit(CLAIM_BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(pages)
      .set({ status: 'sending', attempts: sql`${pages.attempts} + 1`, claimedUntil: new Date(now.getTime() + CLAIM_MS) })
      .where(inArray(pages.alertId, due.map((d) => d.alertId)))
      .returning();
  });
}

/** When the next page falls due (a pending one, or a claim that lapses); null when nothing is waiting. */
export async function nextPageDue(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({
      at: sql<string | null>`MIN(CASE WHEN ${pages.status} = 'pending' THEN ${pages.dueAt} ELSE ${pages.claimedUntil} END)`,
    })
    .from(pages)
    .where(inArray(pages.status, ['pending', 'sending']));
  return row?.at ? new Date(row.at) : null;
}

/** The webhook's body: the alert's kind and age, who is on call, a link to the console. No chat or survivor data. */
export interface PagePayload {
  type: 'beside.page';
  alertId: string;
  kind: string;
  ageSeconds: number;
  raisedAt: string;
  onCall: string[];
  consoleUrl: string;
  sentAt: string;
  attempt: number;
}

export function signPage(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** The retry's wait after failed attempt `attempt` (1-based): base, 3 × base, 9 × base, … */
export function retryDelayMs(baseMs: number, attempt: number): number {
  return baseMs * 3 ** (attempt - 1);
}

/**
 * Sends one claimed page (one attempt) and records its outcome: `sent`, or back to `pending` with the next
 * back-off, or `failed` after the last attempt; each attempt audited with the HTTP status, never content.
 */
export async function sendPage(deps: PagingDeps, page: PageRow): Promise<'sent' | 'retry' | 'failed'> {
  const { db, clock, config } = deps;
  const { webhookUrl, secret, maxAttempts, retryBaseMs, timeoutMs } = config.paging;
  const now = clock.now();
  const { onCall } = await supervisorCoverage(deps);
  const payload: PagePayload = {
    type: 'beside.page',
    alertId: page.alertId,
    kind: page.kind,
    ageSeconds: Math.max(0, Math.round((now.getTime() - page.raisedAt.getTime()) / 1000)),
    raisedAt: page.raisedAt.toISOString(),
    onCall: onCall.map((s) => s.name),
    consoleUrl: `${config.linkBaseUrl}${CONSOLE_PATH}`,
    sentAt: now.toISOString(),
    attempt: page.attempts,
  };
  const body = JSON.stringify(payload);
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    if (!webhookUrl || !secret) throw new Error('not_configured');
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Beside-Pager/1',
        'x-beside-signature': signPage(secret, body),
        'x-beside-timestamp': String(Math.floor(now.getTime() / 1000)),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    httpStatus = res.status;
    await res.body?.cancel().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) error = 'http_status';
  } catch (err) {
    // A name, never the message: it could hold the URL, and with it a token some services put in their paths.
    error = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? 'timeout' : 'unreachable';
  }
  // Only while the claim is still this attempt's: a lapsed claim another node took is that node's to record.
  const held = and(eq(pages.alertId, page.alertId), eq(pages.attempts, page.attempts));
  if (!error) {
    await db.update(pages).set({ status: 'sent', sentAt: now, lastHttpStatus: httpStatus, claimedUntil: null }).where(held);
    await audit(deps, 'page.sent', page, { attempt: page.attempts, httpStatus });
    return 'sent';
  }
  const last = page.attempts >= maxAttempts;
  const retryAt = new Date(clock.now().getTime() + retryDelayMs(retryBaseMs, page.attempts));
  // A page cancelled while it was being sent keeps `cancelled`: its retries are dropped.
  await db
    .update(pages)
    .set({
      status: sql`CASE WHEN ${pages.status} = 'cancelled' THEN 'cancelled' ELSE ${last ? 'failed' : 'pending'} END`,
      dueAt: last ? page.dueAt : retryAt,
      lastHttpStatus: httpStatus,
      claimedUntil: null,
    })
    .where(held);
  await audit(deps, 'page.failed', page, { attempt: page.attempts, httpStatus, error, final: last });
  return last ? 'failed' : 'retry';
}
