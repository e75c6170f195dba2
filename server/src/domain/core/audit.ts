// The audit log: one append-only row per security-relevant act; this module only inserts and reads.
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { auditLog } from '../../db/schema.js';
import type { Clock } from './clock.js';

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  actorId: string | null;
  /** 'volunteer' | 'moderator' | 'admin' | 'visitor' | 'system' | 'anonymous' */
  actorRole: string;
  /** Dotted verb, e.g. 'auth.login', 'auth.login_failed', 'staff.invited', 'transcript.opened'. */
  action: string;
  targetType?: string;
  targetId?: string;
  ipHash?: string | null;
  /** Reason codes and ids only; never message text, passwords, tokens or raw IPs. */
  details?: AuditDetails;
}

export async function recordAudit(db: Db, clock: Clock, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    at: clock.now(),
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ipHash: entry.ipHash ?? null,
    details: entry.details ?? {},
  });
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetId?: string;
  since?: Date;
  /** Rows with id below this (for paging backwards). */
  beforeId?: number;
  limit: number;
}

export async function listAudit(db: Db, filter: AuditFilter) {
  const where: SQL[] = [];
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.targetId) where.push(eq(auditLog.targetId, filter.targetId));
  if (filter.since) where.push(gte(auditLog.at, filter.since));
  if (filter.beforeId) where.push(lt(auditLog.id, filter.beforeId));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}
