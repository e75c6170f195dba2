// Moderators' access to transcripts: only of flagged or escalated conversations, each look audited before it happens.
import { eq } from 'drizzle-orm';
import type {
  Transcript,
  TranscriptMessage,
  TranscriptOpenBody,
  TranscriptPurpose,
} from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { conversations } from '../../db/schema.js';
import type { FieldCipher } from '../../security/cipher.js';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { ConversationRow } from '../conversations/conversations.js';
import { toThreadParts, wholeThread } from '../conversations/thread.js';
import { Forbidden, Invalid } from '../core/errors.js';
import { conversationHasFlag, flagDetailsOf, flagRowsOf, getFlag, highlightIndex, markFlagOpened } from './flags.js';
import { getStaff } from '../staff/accounts.js';
import { escalationOf, whispersOf } from './supervision.js';

export interface TranscriptDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
}

const NOT_REVIEWABLE = 'Moderators can read only the transcripts of flagged or escalated conversations.';

export async function conversationRow(db: Db, id: string): Promise<ConversationRow | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id)).limit(1);
  return row;
}

/**
 * Opens a transcript for a moderator. Allowed through a flag of this conversation, or without one when the
 * conversation is escalated (high-risk, or its volunteer asked for help); anything else is Forbidden. The look is
 * written to the audit log (who, when, which flag, why) before any content is read.
 */
export async function openTranscript(
  deps: TranscriptDeps,
  moderator: { id: string; role: string },
  conversationId: string,
  body: TranscriptOpenBody,
  ipHash: string | null,
): Promise<Transcript> {
  const conv = await conversationRow(deps.db, conversationId);
  if (!conv) throw new Forbidden(NOT_REVIEWABLE);
  let escalation: 'high_risk' | 'help_requested' | null = null;
  if (body.flagId) {
    const flag = await getFlag(deps.db, body.flagId).catch(() => undefined);
    if (!flag || flag.conversationId !== conv.id) throw new Forbidden('That flag is not about this conversation.');
  } else {
    const e = await escalationOf(deps.db, conv);
    escalation = e.highRisk ? 'high_risk' : e.helpRequested ? 'help_requested' : null;
    if (!escalation) {
      if (await conversationHasFlag(deps.db, conv.id)) throw new Invalid('Name the flag you are reviewing.', 'flagId');
      throw new Forbidden(NOT_REVIEWABLE);
    }
  }
  // The whole thread is read (the parts before a transfer or a return to the queue, and after): one look, one row.
  const thread = await wholeThread(deps.db, conv);
  await recordAudit(deps.db, deps.clock, {
    actorId: moderator.id,
    actorRole: moderator.role,
    action: 'transcript.opened',
    targetType: 'conversation',
    targetId: conv.id,
    ipHash,
    details: { flagId: body.flagId ?? null, purpose: body.purpose, escalation, threadParts: thread.length, threadConversationIds: thread.map((t) => t.row.id).join(',') },
  });
  if (body.flagId) await markFlagOpened(deps.db, deps.clock, body.flagId, moderator.id);
  return loadTranscript(deps, conv, body.purpose, thread);
}

/**
 * The whole conversation for a moderator who is allowed to see it (the caller checked and audited): every part of
 * its thread, oldest first, so that a flag raised after a transfer shows what was said before it.
 */
export async function loadTranscript(
  deps: TranscriptDeps,
  conv: ConversationRow,
  purpose: TranscriptPurpose,
  chain?: Awaited<ReturnType<typeof wholeThread>>,
): Promise<Transcript> {
  const { db, cipher } = deps;
  const thread = chain ?? (await wholeThread(db, conv));
  // A moderator reads every message (clients get the newest of each part).
  const parts = await toThreadParts(db, cipher, thread, { newest: Infinity });
  const flagRows = (await Promise.all(thread.map((t) => flagRowsOf(db, t.row.id)))).flat();
  const highlights = highlightIndex(flagRows);
  const list: TranscriptMessage[] = parts.flatMap((p) =>
    p.messages.map((m) => ({ ...m, highlighted: highlights.has(m.id), flagIds: highlights.get(m.id) ?? [] })),
  );
  const volunteer = await getStaff(db, conv.volunteerId);
  const takenOver = conv.takenOverBy ? await getStaff(db, conv.takenOverBy) : undefined;
  return {
    conversation: {
      id: conv.id,
      topic: conv.topic,
      language: conv.language,
      status: conv.status as 'active' | 'ended',
      risk: conv.risk as 'normal' | 'high',
      startedAt: conv.startedAt.toISOString(),
      ...(conv.endedAt ? { endedAt: conv.endedAt.toISOString() } : {}),
      volunteerId: conv.volunteerId,
      volunteerName: volunteer?.displayName ?? '',
      underReview: conv.underReview,
      ...(takenOver ? { takenOverByName: takenOver.displayName } : {}),
      transcriptDeleted: conv.transcriptDeletedAt !== null,
    },
    flags: await flagDetailsOf(db, cipher, conv.id),
    messages: list,
    whispers: await whispersOf(db, cipher, conv.id),
    openedAt: deps.clock.now().toISOString(),
    purpose,
    thread: parts.map(({ messages: _said, ...part }) => part),
  };
}

