// Bans and blocks that keep no identity: keyed on the visitor id and the HMAC of the IP, always with an end.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { BAN_DAYS_DEFAULT, type BanView } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { bans, staff, visitors } from '../../db/schema.js';
import type { Clock } from '../core/clock.js';
import { Banned, Conflict, NotFound } from '../core/errors.js';

export type BanRow = typeof bans.$inferSelect;

export const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a volunteer's end-and-block holds a visitor back before a moderator has decided. */
export const BLOCK_HOURS = 24;

/**
 * What a banned visitor reads: calm and neutral, no accusation, no detail that helps to get around it, and the
 * way to urgent help (a ban must never stand between someone and an emergency line).
 */
export const BANNED_MESSAGE =
  "Beside isn't available to you at the moment. If you are in danger right now, please call your local emergency number.";

export interface BanKeys {
  visitorId?: string | null;
  ipHash?: string | null;
}

function keysMatch(keys: BanKeys): SQL | undefined {
  const parts: SQL[] = [];
  if (keys.visitorId) parts.push(eq(bans.visitorId, keys.visitorId));
  if (keys.ipHash) parts.push(eq(bans.ipHash, keys.ipHash));
  return parts.length ? or(...parts) : undefined;
}

/** The ban or block in force for these keys right now, if any. */
export async function activeBanFor(db: Db, clock: Clock, keys: BanKeys): Promise<BanRow | undefined> {
  const match = keysMatch(keys);
  if (!match) return undefined;
  const [row] = await db
    .select()
    .from(bans)
    .where(and(match, isNull(bans.liftedAt), gt(bans.expiresAt, clock.now())))
    .orderBy(desc(bans.expiresAt))
    .limit(1);
  return row;
}

/** Refuses a new visitor session from a banned network (the IP's keyed hash). */
export async function assertSessionAllowed(db: Db, clock: Clock, ipHash: string | null): Promise<void> {
  if (await activeBanFor(db, clock, { ipHash })) throw new Banned(BANNED_MESSAGE);
}

/** Refuses to queue a banned visitor: their id, the IP hash they came with, or the one they connect from now. */
export async function assertVisitorMayQueue(db: Db, clock: Clock, visitorId: string, currentIpHash?: string | null): Promise<void> {
  const [visitor] = await db.select({ ipHash: visitors.ipHash }).from(visitors).where(eq(visitors.id, visitorId)).limit(1);
  for (const ipHash of [visitor?.ipHash ?? null, currentIpHash ?? null]) {
    if (await activeBanFor(db, clock, { visitorId, ipHash })) throw new Banned(BANNED_MESSAGE);
  }
}

export interface NewBan {
  kind: 'ban' | 'block';
  visitorId: string;
  flagId: string | null;
  createdBy: string | null;
  durationMs: number;
}

/**
 * Bans a visitor by id and by the keyed hash of the IP their session was created from. A block (a volunteer's
 * end-and-block, not yet reviewed) holds the visitor id only: one person's unreviewed decision must not lock out a
 * whole shared network (a shelter, a campus) for a day. A moderator's ban holds both.
 */
export async function banVisitor(db: Db, clock: Clock, input: NewBan): Promise<BanRow> {
  const [visitor] = await db.select({ ipHash: visitors.ipHash }).from(visitors).where(eq(visitors.id, input.visitorId)).limit(1);
  const now = clock.now();
  const [row] = await db
    .insert(bans)
    .values({
      id: randomUUID(),
      kind: input.kind,
      visitorId: input.visitorId,
      ipHash: input.kind === 'ban' ? (visitor?.ipHash ?? null) : null,
      flagId: input.flagId,
      createdBy: input.createdBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.durationMs),
    })
    .returning();
  return row!;
}

export function banDurationMs(days: number | undefined): number {
  return (days ?? BAN_DAYS_DEFAULT) * DAY_MS;
}

/** Lifts the blocks a flag put in place (the moderator's decision replaces them). Returns how many. */
export async function liftBlocksOfFlag(db: Db, clock: Clock, flagId: string, liftedBy: string): Promise<number> {
  const rows = await db
    .update(bans)
    .set({ liftedAt: clock.now(), liftedBy })
    .where(and(eq(bans.flagId, flagId), eq(bans.kind, 'block'), isNull(bans.liftedAt)))
    .returning({ id: bans.id });
  return rows.length;
}

export async function liftBan(db: Db, clock: Clock, banId: string, liftedBy: string): Promise<BanRow> {
  const [row] = await db
    .update(bans)
    .set({ liftedAt: clock.now(), liftedBy })
    .where(and(eq(bans.id, banId), isNull(bans.liftedAt)))
    .returning();
  if (row) return row;
  const [exists] = await db.select({ id: bans.id }).from(bans).where(eq(bans.id, banId)).limit(1);
  throw exists ? new Conflict('This ban was already lifted.') : new NotFound('No such ban.');
}

const creator = alias(staff, 'ban_creator');

export async function listBans(db: Db, clock: Clock, activeOnly: boolean): Promise<BanView[]> {
  const where = activeOnly ? and(isNull(bans.liftedAt), gt(bans.expiresAt, clock.now())) : undefined;
  const rows = await db
    .select({ b: bans, createdByName: creator.displayName })
    .from(bans)
    .leftJoin(creator, eq(creator.id, bans.createdBy))
    .where(where)
    .orderBy(desc(bans.createdAt))
    .limit(500);
  return rows.map((r) => toBanView(r.b, r.createdByName ?? undefined));
}

export function toBanView(b: BanRow, createdByName?: string): BanView {
  return {
    id: b.id,
    kind: b.kind as BanView['kind'],
    keyedOn: [...(b.visitorId ? (['visitor'] as const) : []), ...(b.ipHash ? (['ip_hash'] as const) : [])],
    ...(b.flagId ? { flagId: b.flagId } : {}),
    createdAt: b.createdAt.toISOString(),
    expiresAt: b.expiresAt.toISOString(),
    ...(b.liftedAt ? { liftedAt: b.liftedAt.toISOString() } : {}),
    ...(createdByName ? { createdByName } : {}),
  };
}
