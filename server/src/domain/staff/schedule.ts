// The shift schedule: published slots, sign-ups with a weekly-hours warning, coverage gaps, and the next shift.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import {
  LANGUAGES,
  type CoverageGap,
  type CoverageResponse,
  type Language,
  type ShiftSlotView,
  type SignupResult,
  type SlotRole,
} from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { shiftSignups, shiftSlots, staff } from '../../db/schema.js';
import type { Clock } from '../core/clock.js';
import { Conflict, Forbidden, NotFound } from '../core/errors.js';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** Someone who will actually take chats in a slot: an active account whose training is recorded. */
const canTakeChats = and(eq(staff.status, 'active'), isNotNull(staff.trainingCompletedAt));
/** Chat shifts only: a supervisor slot is on-call time, not time someone takes chats. */
const chatSlot = eq(shiftSlots.role, 'volunteer');
/** Someone who will actually supervise in a supervisor slot: an active moderator or admin. */
const canSupervise = and(eq(staff.status, 'active'), inArray(staff.role, ['moderator', 'admin']));

/**
 * When the first scheduled slot after `now` starts that someone who speaks `language` (and can take chats) has
 * signed up for; undefined when none is scheduled. The queue tells a survivor this when nobody is on shift.
 */
export async function nextShiftStartAt(db: Db, now: Date, language: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ startsAt: shiftSlots.startsAt })
    .from(shiftSlots)
    .innerJoin(shiftSignups, eq(shiftSignups.slotId, shiftSlots.id))
    .innerJoin(staff, eq(staff.id, shiftSignups.staffId))
    .where(and(gt(shiftSlots.startsAt, now), chatSlot, canTakeChats, sql`${language} = ANY(${staff.languages})`))
    .orderBy(asc(shiftSlots.startsAt))
    .limit(1);
  return row?.startsAt;
}

/** Monday 00:00 UTC of the week that contains `at`: the schedule's weeks are UTC weeks. */
export function weekStartOf(at: Date): Date {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - sinceMonday * DAY_MS);
}

export function startOfHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export async function publishSlots(
  db: Db,
  clock: Clock,
  createdBy: string,
  slots: { startsAt: string; endsAt: string; role?: SlotRole }[],
): Promise<string[]> {
  const now = clock.now();
  const rows = slots.map((s) => ({
    id: randomUUID(),
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    role: s.role ?? 'volunteer',
    createdBy,
    createdAt: now,
  }));
  await db.insert(shiftSlots).values(rows);
  return rows.map((r) => r.id);
}

/** Removes a slot and its sign-ups. */
export async function deleteSlot(db: Db, slotId: string): Promise<void> {
  const rows = await db.delete(shiftSlots).where(eq(shiftSlots.id, slotId)).returning({ id: shiftSlots.id });
  if (rows.length === 0) throw new NotFound('No such shift.');
}

/** Slots that overlap [from, to), with who signed up; `viewerId` marks the caller's own sign-ups. */
export async function listSlots(db: Db, viewerId: string, range: { from: Date; to: Date } | { ids: string[] }): Promise<ShiftSlotView[]> {
  const where =
    'ids' in range
      ? inArray(shiftSlots.id, range.ids.length ? range.ids : ['00000000-0000-0000-0000-000000000000'])
      : and(lt(shiftSlots.startsAt, range.to), gt(shiftSlots.endsAt, range.from));
  const slots = await db.select().from(shiftSlots).where(where).orderBy(asc(shiftSlots.startsAt), asc(shiftSlots.id));
  if (slots.length === 0) return [];
  const signups = await db
    .select({ slotId: shiftSignups.slotId, staffId: staff.id, displayName: staff.displayName, languages: staff.languages })
    .from(shiftSignups)
    .innerJoin(staff, eq(staff.id, shiftSignups.staffId))
    .where(inArray(shiftSignups.slotId, slots.map((s) => s.id)))
    .orderBy(asc(shiftSignups.createdAt));
  return slots.map((s) => {
    const mine = signups.filter((u) => u.slotId === s.id);
    return {
      id: s.id,
      role: s.role,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      signups: mine.map((u) => ({ staffId: u.staffId, displayName: u.displayName, languages: u.languages as Language[] })),
      signedUp: mine.some((u) => u.staffId === viewerId),
    };
  });
}

/** Hours `staffId` is signed up for in the UTC week starting at `weekStart`. */
export async function weeklyHours(db: Db, staffId: string, weekStart: Date): Promise<number> {
  const weekEnd = new Date(weekStart.getTime() + 7 * DAY_MS);
  const rows = await db
    .select({ startsAt: shiftSlots.startsAt, endsAt: shiftSlots.endsAt })
    .from(shiftSignups)
    .innerJoin(shiftSlots, eq(shiftSlots.id, shiftSignups.slotId))
    .where(and(eq(shiftSignups.staffId, staffId), gte(shiftSlots.startsAt, weekStart), lt(shiftSlots.startsAt, weekEnd)));
  const ms = rows.reduce((sum, r) => sum + (r.endsAt.getTime() - r.startsAt.getTime()), 0);
  return Math.round((ms / HOUR_MS) * 100) / 100;
}

/**
 * Signs a staff member up for a slot (idempotent). Going over the weekly total is allowed but warned about: the
 * limit protects volunteers from burning out, it does not stop someone covering a gap they chose to cover.
 */
export async function signUpForSlot(
  db: Db,
  clock: Clock,
  staffId: string,
  slotId: string,
  weeklyHoursWarning: number,
): Promise<SignupResult> {
  const [member] = await db.select({ status: staff.status, role: staff.role }).from(staff).where(eq(staff.id, staffId)).limit(1);
  if (!member || member.status !== 'active') throw new Forbidden('Your account is not active.');
  const [slot] = await db.select().from(shiftSlots).where(eq(shiftSlots.id, slotId)).limit(1);
  if (!slot) throw new NotFound('No such shift.');
  if (slot.role === 'supervisor' && member.role === 'volunteer') {
    throw new Forbidden('Supervisor on-call slots are for moderators and admins.');
  }
  if (slot.endsAt.getTime() <= clock.now().getTime()) throw new Conflict('This shift has already ended.');
  await db.insert(shiftSignups).values({ slotId, staffId, createdAt: clock.now() }).onConflictDoNothing();
  const hours = await weeklyHours(db, staffId, weekStartOf(slot.startsAt));
  const [view] = await listSlots(db, staffId, { ids: [slotId] });
  return {
    slot: view!,
    weeklyHours: hours,
    ...(hours > weeklyHoursWarning ? { warning: { weeklyHours: hours, limit: weeklyHoursWarning } } : {}),
  };
}

export async function cancelSignup(db: Db, clock: Clock, staffId: string, slotId: string): Promise<ShiftSlotView> {
  const [slot] = await db.select().from(shiftSlots).where(eq(shiftSlots.id, slotId)).limit(1);
  if (!slot) throw new NotFound('No such shift.');
  if (slot.startsAt.getTime() <= clock.now().getTime()) throw new Conflict('This shift has already started.');
  await db.delete(shiftSignups).where(and(eq(shiftSignups.slotId, slotId), eq(shiftSignups.staffId, staffId)));
  const [view] = await listSlots(db, staffId, { ids: [slotId] });
  return view!;
}

/**
 * For each language, the whole hours in [from, from + hours) not entirely covered by chat slots that someone who
 * speaks it (and can take chats) has signed up for; and the hours not covered by a supervisor slot that an active
 * moderator or admin has signed up for.
 */
export async function coverage(db: Db, from: Date, hours: number): Promise<CoverageResponse> {
  const to = new Date(from.getTime() + hours * HOUR_MS);
  const inWindow = and(lt(shiftSlots.startsAt, to), gt(shiftSlots.endsAt, from));
  const rows = await db
    .select({ startsAt: shiftSlots.startsAt, endsAt: shiftSlots.endsAt, languages: staff.languages })
    .from(shiftSlots)
    .innerJoin(shiftSignups, eq(shiftSignups.slotId, shiftSlots.id))
    .innerJoin(staff, eq(staff.id, shiftSignups.staffId))
    .where(and(inWindow, chatSlot, canTakeChats));
  const supervised = await db
    .select({ startsAt: shiftSlots.startsAt, endsAt: shiftSlots.endsAt })
    .from(shiftSlots)
    .innerJoin(shiftSignups, eq(shiftSignups.slotId, shiftSlots.id))
    .innerJoin(staff, eq(staff.id, shiftSignups.staffId))
    .where(and(inWindow, eq(shiftSlots.role, 'supervisor'), canSupervise));
  const span = (r: { startsAt: Date; endsAt: Date }) => [r.startsAt.getTime(), r.endsAt.getTime()] as const;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    languages: LANGUAGES.map((language) => ({
      language,
      ...uncoveredHours(from, hours, rows.filter((r) => r.languages.includes(language)).map(span)),
    })),
    supervisors: uncoveredHours(from, hours, supervised.map(span)),
  };
}

/** The whole hours from `from` not entirely inside the union of `intervals`, counted and merged into ranges. */
function uncoveredHours(from: Date, hours: number, intervals: (readonly [number, number])[]): { uncoveredHours: number; gaps: CoverageGap[] } {
  const covered = mergeIntervals(intervals);
  const gaps: CoverageGap[] = [];
  let uncovered = 0;
  for (let h = 0; h < hours; h++) {
    const start = from.getTime() + h * HOUR_MS;
    const end = start + HOUR_MS;
    if (covered.some(([s, e]) => s <= start && e >= end)) continue;
    uncovered++;
    const last = gaps[gaps.length - 1];
    if (last && Date.parse(last.endsAt) === start) last.endsAt = new Date(end).toISOString();
    else gaps.push({ startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() });
  }
  return { uncoveredHours: uncovered, gaps };
}

function mergeIntervals(intervals: (readonly [number, number])[]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}
