// The survivor's optional survey at the end of a chat: two closed questions, keyed on the conversation, once.
import { eq } from 'drizzle-orm';
import type { SurveyAnswer, SurveyReachAgain } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { surveys } from '../../db/schema.js';
import type { Clock } from '../core/clock.js';
import { Conflict, Forbidden } from '../core/errors.js';
import { conversationRow } from '../moderation/transcripts.js';

export interface SurveyInput {
  feltHeard?: number | undefined;
  reachAgain?: SurveyReachAgain | undefined;
}

/**
 * Stores the survivor's answers for one of their ended conversations. Nothing about the survivor is stored
 * with them, and no free text is accepted; the volunteer is not told.
 */
export async function submitSurvey(db: Db, clock: Clock, visitorId: string, conversationId: string, input: SurveyInput): Promise<SurveyAnswer> {
  const conv = await conversationRow(db, conversationId);
  // The same answer for "not yours" and "does not exist", so ids cannot be probed.
  if (!conv || conv.visitorId !== visitorId) throw new Forbidden('You are not part of this conversation.');
  if (conv.status !== 'ended') throw new Conflict('The survey comes once the chat has ended.');
  const inserted = await db
    .insert(surveys)
    .values({
      conversationId,
      feltHeard: input.feltHeard ?? null,
      reachAgain: input.reachAgain ?? null,
      createdAt: clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) throw new Conflict('You have already answered the survey for this chat. Thank you.');
  return toSurveyAnswer(inserted[0]!);
}

function toSurveyAnswer(row: typeof surveys.$inferSelect): SurveyAnswer {
  return {
    conversationId: row.conversationId,
    ...(row.feltHeard !== null ? { feltHeard: row.feltHeard } : {}),
    ...(row.reachAgain !== null ? { reachAgain: row.reachAgain as SurveyReachAgain } : {}),
  };
}

/** The survivor's own answers for one of their conversations, or null when they have not answered. */
export async function surveyOf(db: Db, visitorId: string, conversationId: string): Promise<SurveyAnswer | null> {
  const conv = await conversationRow(db, conversationId);
  if (!conv || conv.visitorId !== visitorId) throw new Forbidden('You are not part of this conversation.');
  const [row] = await db.select().from(surveys).where(eq(surveys.conversationId, conversationId)).limit(1);
  return row ? toSurveyAnswer(row) : null;
}
