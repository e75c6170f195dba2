// Warnings a moderator gives a volunteer after a review, and the volunteer's own list of them (newest first).
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { VolunteerWarningView } from '@beside/shared';
import { volunteerWarnings } from '../../db/schema.js';
import type { Services } from '../core/services.js';

/** The warnings a volunteer received, newest first (their own console). */
export async function warningsOf(deps: Pick<Services, 'db' | 'cipher'>, staffId: string): Promise<VolunteerWarningView[]> {
  const rows = await deps.db
    .select()
    .from(volunteerWarnings)
    .where(eq(volunteerWarnings.staffId, staffId))
    .orderBy(desc(volunteerWarnings.createdAt))
    .limit(100);
  return rows.map((w) => ({ id: w.id, note: deps.cipher.decrypt(w.noteEnc), createdAt: w.createdAt.toISOString() }));
}

/** Stores a warning (its note encrypted like a message) and returns it as the volunteer will see it. */
export async function recordWarning(
  deps: Pick<Services, 'db' | 'clock' | 'cipher'>,
  w: { staffId: string; flagId: string; note: string; createdBy: string },
): Promise<VolunteerWarningView> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(volunteerWarnings)
    .values({ id: randomUUID(), staffId: w.staffId, flagId: w.flagId, noteEnc: deps.cipher.encrypt(w.note), createdBy: w.createdBy, createdAt: now })
    .returning();
  return { id: row!.id, note: w.note, createdAt: now.toISOString() };
}
