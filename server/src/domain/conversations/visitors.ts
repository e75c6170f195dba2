// Anonymous visitors: an id and timestamps, and a keyed hash of the IP for bans; nothing else.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { visitors } from '../../db/schema.js';
import type { Clock } from '../core/clock.js';

export async function createVisitor(db: Db, clock: Clock, ipHash: string | null): Promise<string> {
  const id = randomUUID();
  const now = clock.now();
  await db.insert(visitors).values({ id, createdAt: now, lastSeenAt: now, ipHash });
  return id;
}

export async function visitorExists(db: Db, visitorId: string): Promise<boolean> {
  const rows = await db.select({ id: visitors.id }).from(visitors).where(eq(visitors.id, visitorId)).limit(1);
  return rows.length > 0;
}
