// A volunteer's live presence: on or off shift, accepting new chats, capacity and cool-down.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { ShiftSetInput, VolunteerState } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { conversations, staff, volunteerPresence } from '../../db/schema.js';
import type { Clock } from '../core/clock.js';
import type { Services } from '../core/services.js';
import { Conflict, Forbidden, NotFound } from '../core/errors.js';
import { forgetCapacitySnapshot } from './waitEstimate.js';

export async function countActiveConversations(db: Db, staffId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.volunteerId, staffId), eq(conversations.status, 'active')));
  return row?.n ?? 0;
}

export async function getVolunteerState(db: Db, staffId: string): Promise<VolunteerState> {
  const [row] = await db
    .select({ presence: volunteerPresence, capacity: staff.capacity })
    .from(staff)
    .leftJoin(volunteerPresence, eq(volunteerPresence.staffId, staff.id))
    .where(eq(staff.id, staffId))
    .limit(1);
  if (!row) throw new NotFound('No such staff member.');
  const p = row.presence;
  return {
    onShift: p?.onShift ?? false,
    accepting: p?.accepting ?? true,
    capacity: row.capacity,
    activeConversations: await countActiveConversations(db, staffId),
    ...(p?.onShift && p.shiftStartedAt ? { shiftStartedAt: p.shiftStartedAt.toISOString() } : {}),
    ...(p?.cooldownUntil ? { cooldownUntil: p.cooldownUntil.toISOString() } : {}),
  };
}

/** Goes on or off shift; going off shift with chats still open is refused (finish or transfer them first). */
export async function setShift(db: Db, clock: Clock, staffId: string, input: ShiftSetInput): Promise<VolunteerState> {
  const [member] = await db.select().from(staff).where(eq(staff.id, staffId)).limit(1);
  if (!member || member.status !== 'active') throw new Forbidden('Your account is not active.');
  if (input.onShift && member.trainingCompletedAt === null) {
    throw new Forbidden('Chats are routed to you once an admin has recorded your training.');
  }
  const now = clock.now();
  const [current] = await db.select().from(volunteerPresence).where(eq(volunteerPresence.staffId, staffId)).limit(1);
  if (!input.onShift && current?.onShift && (await countActiveConversations(db, staffId)) > 0) {
    throw new Conflict('Finish or transfer your open chats before going off shift.');
  }
  const startingShift = input.onShift && !current?.onShift;
  const values = {
    onShift: input.onShift,
    accepting: input.accepting ?? current?.accepting ?? true,
    shiftStartedAt: input.onShift ? (startingShift ? now : (current?.shiftStartedAt ?? now)) : null,
    idleSince: startingShift ? now : (current?.idleSince ?? now),
    updatedAt: now,
  };
  // One transaction, read back inside it: the answer is the state this change made, not one a matching round that
  // runs the moment the new capacity commits has already moved on (it waits for the presence row's lock).
  return db.transaction(async (tx) => {
    if (input.capacity !== undefined && input.capacity !== member.capacity) {
      await tx.update(staff).set({ capacity: input.capacity }).where(eq(staff.id, staffId));
    }
    await tx
      .insert(volunteerPresence)
      .values({ staffId, ...values, cooldownUntil: null, disconnectedAt: null })
      .onConflictDoUpdate({ target: volunteerPresence.staffId, set: values });
    return getVolunteerState(tx, staffId);
  });
}

/** Records whether the volunteer has any live connection; one who has none is not routed new chats. */
export async function markVolunteerConnection(db: Db, clock: Clock, staffId: string, connected: boolean): Promise<void> {
  await db
    .update(volunteerPresence)
    .set({ disconnectedAt: connected ? null : clock.now() })
    .where(eq(volunteerPresence.staffId, staffId));
}

/** Sent after every change of a volunteer's load or shift: estimates read capacity afresh, and their console updates. */
export async function announceVolunteerState(deps: Pick<Services, 'db' | 'live'>, staffId: string): Promise<void> {
  forgetCapacitySnapshot(deps.db);
  deps.live.emit({ staff: [staffId] }, 'volunteer:state', await getVolunteerState(deps.db, staffId));
}

/** The volunteer's open conversations (ids), for telling their survivors that they are away or back. */
export async function activeConversationIdsOf(db: Db, staffId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.volunteerId, staffId), eq(conversations.status, 'active')));
  return rows.map((r) => r.id);
}

/** When the volunteer's last connection closed (null when connected, or never seen). */
export async function volunteerDisconnectedAt(db: Db, staffId: string): Promise<Date | null> {
  const [presence] = await db
    .select({ disconnectedAt: volunteerPresence.disconnectedAt })
    .from(volunteerPresence)
    .where(eq(volunteerPresence.staffId, staffId))
    .limit(1);
  return presence?.disconnectedAt ?? null;
}

/** The survivor's live chats whose volunteer's last connection dropped, with since when (grace period running). */
export async function awayVolunteersOf(db: Db, visitorId: string): Promise<{ conversationId: string; since: Date }[]> {
  const rows = await db
    .select({ id: conversations.id, since: volunteerPresence.disconnectedAt })
    .from(conversations)
    .innerJoin(volunteerPresence, eq(volunteerPresence.staffId, conversations.volunteerId))
    .where(and(eq(conversations.visitorId, visitorId), eq(conversations.status, 'active'), isNotNull(volunteerPresence.disconnectedAt)));
  return rows.flatMap((r) => (r.since ? [{ conversationId: r.id, since: r.since }] : []));
}
