// The audit log as moderators read it: a filtered page, newest first, with the names of the staff who acted or were acted on.
import { asc, inArray } from 'drizzle-orm';
import type { AuditEntryView, AuditQuery, AuditResponse, StaffDirectoryEntry } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { staff } from '../../db/schema.js';
import { listAudit } from '../core/audit.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Everyone on the staff by name and role (no e-mail), for the audit log's filters. */
export async function staffDirectory(db: Db): Promise<StaffDirectoryEntry[]> {
  const rows = await db
    .select({ id: staff.id, displayName: staff.displayName, role: staff.role, status: staff.status })
    .from(staff)
    .orderBy(asc(staff.displayName), asc(staff.id));
  return rows.map((r) => ({ ...r, role: r.role as StaffDirectoryEntry['role'], status: r.status as StaffDirectoryEntry['status'] }));
}

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
  const staffIds = [
    ...new Set([
      ...page.map((r) => r.actorId),
      // Targets that are staff accounts are named too, so that nobody reads the log by UUID.
      ...page.filter((r) => r.targetType === 'staff').map((r) => r.targetId),
    ].filter((a): a is string => !!a && UUID.test(a))),
  ];
  const names = new Map(
    staffIds.length
      ? (await db.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, staffIds))).map((r) => [r.id, r.name])
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
    ...(r.targetType === 'staff' && r.targetId && names.has(r.targetId) ? { targetName: names.get(r.targetId)! } : {}),
    details: r.details,
  }));
  return { entries, ...(rows.length > q.limit ? { nextBeforeId: page[page.length - 1]!.id } : {}) };
}
