// A volunteer's own warnings from reviews, newest first (their console shows them).
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
