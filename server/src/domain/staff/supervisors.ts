// Which supervisors (moderators and admins) are connected now, on any node, and which are on call by the schedule.
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { SupervisorCoverage } from '@beside/shared';
import { shiftSignups, shiftSlots, staff } from '../../db/schema.js';
import type { Services } from '../core/services.js';

/**
 * `online`: active moderators and admins with at least one connection now (the live port counts every node's);
 * `onCall`: active moderators and admins signed up to a supervisor slot that covers this moment, each with whether
 * they are connected. Names are display names; nothing else about them leaves here.
 */
export async function supervisorCoverage(deps: Pick<Services, 'db' | 'clock' | 'live'>): Promise<SupervisorCoverage> {
  const { db, clock, live } = deps;
  const now = clock.now();
  const active = and(eq(staff.status, 'active'), inArray(staff.role, ['moderator', 'admin']));
  const supervisors = await db
    .select({ id: staff.id, name: staff.displayName })
    .from(staff)
    .where(active)
    .orderBy(asc(staff.displayName), asc(staff.id));
  // One count per supervisor: there are a handful, and each count asks every node (fetchSockets on the adapter).
  const counts = await Promise.all(supervisors.map((s) => live.connections({ staff: [s.id] })));
  const connected = new Set(supervisors.filter((_, i) => (counts[i] ?? 0) > 0).map((s) => s.id));
  const onCallRows = await db
    .selectDistinct({ id: staff.id, name: staff.displayName })
    .from(shiftSignups)
    .innerJoin(shiftSlots, eq(shiftSlots.id, shiftSignups.slotId))
    .innerJoin(staff, eq(staff.id, shiftSignups.staffId))
    .where(and(eq(shiftSlots.role, 'supervisor'), lte(shiftSlots.startsAt, now), gt(shiftSlots.endsAt, now), active))
    .orderBy(asc(staff.displayName), asc(staff.id));
  return {
    online: supervisors.filter((s) => connected.has(s.id)),
    onCall: onCallRows.map((s) => ({ id: s.id, name: s.name, online: connected.has(s.id) })),
  };
}
