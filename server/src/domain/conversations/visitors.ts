// Anonymous visitors: an id and timestamps, and a keyed hash of the IP for bans; nothing else.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { visitors } from '../../db/schema.js';
import type { Clock } from '../core/clock.js';

export async function createVisitor(db: Db, clock: Clock, ipHash: string | null): Promise<string> {
  const id = randomUUID();
  const now = clock.now();
  await db.insert(visitors).values({ id, createdAt: now, lastSeenAt: now, ipHash });
  return id;
}

/** Whether the visitor exists and has not left by quick exit (their token is still good). */
export async function visitorExists(db: Db, visitorId: string): Promise<boolean> {
  const rows = await db
    .select({ id: visitors.id })
    .from(visitors)
    .where(and(eq(visitors.id, visitorId), isNull(visitors.exitedAt)))
    .limit(1);
  return rows.length > 0;
}

/** Quick exit: the visitor's token is revoked for good, whatever is left of its life. */
export async function markVisitorExited(db: Db, clock: Clock, visitorId: string): Promise<void> {
  await db.update(visitors).set({ exitedAt: clock.now() }).where(and(eq(visitors.id, visitorId), isNull(visitors.exitedAt)));
}
