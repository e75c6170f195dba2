// The audit log as moderators read it: a filtered page, newest first, with the names of the staff who acted.
import { inArray } from 'drizzle-orm';
import type { AuditEntryView, AuditQuery, AuditResponse } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { staff } from '../../db/schema.js';
import { listAudit } from '../core/audit.js';

export async function auditPage(db: Db, q: AuditQuery): Promise<AuditResponse> {
  const rows = await listAudit(db, {
    ...(q.actorId ? { actorId: q.actorId } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
    ...(q.since ? { since: new Date(q.since) } : {}),
    ...(q.beforeId ? { beforeId: q.beforeId } : {}),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const actorIds = [...new Set(page.map((r) => r.actorId).filter((a): a is string => !!a))];
  const names = new Map(
    actorIds.length
      ? (await db.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, actorIds))).map((r) => [r.id, r.name])
      : [],
  );
  const entries: AuditEntryView[] = page.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorRole: r.actorRole,
    ...(r.actorId && names.has(r.actorId) ? { actorName: names.get(r.actorId)! } : {}),
    action: r.action,
    ...(r.targetType ? { targetType: r.targetType } : {}),
    ...(r.targetId ? { targetId: r.targetId } : {}),
    details: r.details,
  }));
  return { entries, ...(rows.length > q.limit ? { nextBeforeId: page[page.length - 1]!.id } : {}) };
}
