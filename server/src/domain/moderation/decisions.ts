// A moderator's decision on a flag: dismiss, warn the volunteer, suspend the volunteer, or ban the survivor.
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { FlagDecision, FlagDecisionBody, FlagOutcome, FlagQueueItem, VolunteerWarningView } from '@beside/shared';
import type { AppContext } from '../../context.js';
import { conversations, volunteerWarnings } from '../../db/schema.js';
import { errorFields } from '../../logger.js';
import { recordAudit } from '../core/audit.js';
import { banDurationMs, banVisitor, liftBlocksOfFlag } from './bans.js';
import { activeConversationsOf, endConversation } from '../conversations/conversations.js';
import { Conflict } from '../core/errors.js';
import { closeFlag, flagQueueItem, getFlag, toMyFlag, type FlagRow } from './flags.js';
import { leaveQueue } from '../matching/queue.js';
import { returnConversationToQueue, type ReturnedToQueue } from '../matching/requeue.js';
import { revokeAllSessions } from '../staff/sessions.js';
import { requireStaffRow, setStaffStatus } from '../staff/accounts.js';
import { conversationRow } from './transcripts.js';

export type DecisionDeps = Pick<AppContext, 'db' | 'clock' | 'cipher' | 'logger' | 'live' | 'config'>;

const OUTCOME: Record<FlagDecision, FlagOutcome> = {
  dismiss: 'dismissed',
  warn_volunteer: 'volunteer_warned',
  suspend_volunteer: 'volunteer_suspended',
  ban_survivor: 'survivor_banned',
};

interface Moderator {
  id: string;
  role: string;
}

/**
 * Decides an open flag whose transcript was opened. The effect comes first and the flag closes after it, so a
 * closed flag never claims an effect that did not happen; then the moderators and whoever raised it are told.
 */
export async function decideFlag(
  deps: DecisionDeps,
  moderator: Moderator,
  flagId: string,
  body: FlagDecisionBody,
  ipHash: string | null,
): Promise<FlagQueueItem> {
  const flag = await getFlag(deps.db, flagId);
  if (flag.status !== 'open') throw new Conflict('This flag has already been decided.');
  // Deciding without reading is what makes moderation opaque: the transcript is opened (and audited) first.
  if (!flag.firstOpenedAt) throw new Conflict('Open the transcript of this flag before deciding.');
  const conv = await conversationRow(deps.db, flag.conversationId);
  if (!conv) throw new Conflict('This conversation no longer exists.');
  const outcome = OUTCOME[body.decision];

  const effect: Record<string, string | number | boolean | null> = {};
  if (body.decision === 'ban_survivor') {
    Object.assign(effect, await banSurvivor(deps, moderator, flag, conv.visitorId, body.banDays));
  } else {
    // Any other outcome lifts a volunteer's end-and-block hold: the moderator did not find a ban warranted.
    effect.liftedBlocks = await liftBlocksOfFlag(deps.db, deps.clock, flag.id, moderator.id);
    if (body.decision === 'warn_volunteer') Object.assign(effect, await warnVolunteer(deps, moderator, flag, conv.volunteerId, body.note));
    if (body.decision === 'suspend_volunteer') Object.assign(effect, await suspendVolunteer(deps, moderator, flag, conv.volunteerId));
  }

  const { row, reviewClosed } = await closeFlag(deps.db, deps.clock, deps.cipher, flag.id, {
    outcome,
    note: body.note,
    decidedBy: moderator.id,
  });
  await recordAudit(deps.db, deps.clock, {
    actorId: moderator.id,
    actorRole: moderator.role,
    action: 'flag.decided',
    targetType: 'flag',
    targetId: flag.id,
    ipHash,
    details: { conversationId: flag.conversationId, outcome, reviewClosed, ...effect },
  });
  const item = await flagQueueItem(deps.db, flag.id);
  deps.live.moderation.emit({ moderators: true }, 'flag:closed', {
    flagId: flag.id,
    conversationId: flag.conversationId,
    outcome,
    decidedByName: item.decidedByName ?? '',
    decidedAt: row.decidedAt!.toISOString(),
  });
  // The person who raised it learns that it was reviewed and the outcome category; never the note.
  if (row.raisedById && row.source === 'survivor') deps.live.moderation.emit({ visitors: [row.raisedById] }, 'flag:reviewed', toMyFlag(row));
  if (row.raisedById && row.source === 'volunteer') deps.live.moderation.emit({ staff: [row.raisedById] }, 'flag:reviewed', toMyFlag(row));
  return item;
}

async function banSurvivor(deps: DecisionDeps, moderator: Moderator, flag: FlagRow, visitorId: string, days: number | undefined) {
  const ban = await banVisitor(deps.db, deps.clock, {
    kind: 'ban',
    visitorId,
    flagId: flag.id,
    createdBy: moderator.id,
    durationMs: banDurationMs(days),
  });
  const liftedBlocks = await liftBlocksOfFlag(deps.db, deps.clock, flag.id, moderator.id);
  await recordAudit(deps.db, deps.clock, {
    actorId: moderator.id,
    actorRole: moderator.role,
    action: 'visitor.banned',
    targetType: 'ban',
    targetId: ban.id,
    details: { flagId: flag.id, expiresAt: ban.expiresAt.toISOString(), keyedOnIpHash: ban.ipHash !== null },
  });
  // A banned visitor leaves the queue and any live chat now; they are told calmly when they try again.
  if (await leaveQueue(deps.db, visitorId)) await deps.live.queueChanged();
  let endedChats = 0;
  for (const c of await activeConversationsOf(deps.db, { kind: 'visitor', visitorId })) {
    try {
      const { ended, row } = await endConversation(deps.db, deps.clock, c.id, {
        endedBy: 'moderator',
        reason: 'ended_by_moderator',
        cooldownSeconds: deps.config.timing.chatCooldownSeconds,
        highRiskCooldownSeconds: deps.config.timing.highRiskCooldownSeconds,
      });
      await deps.live.ended(ended, row.volunteerId);
      endedChats++;
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
    }
  }
  return { banId: ban.id, banExpiresAt: ban.expiresAt.toISOString(), liftedBlocks, endedChats };
}

async function warnVolunteer(deps: DecisionDeps, moderator: Moderator, flag: FlagRow, volunteerId: string, note: string) {
  const now = deps.clock.now();
  const [warning] = await deps.db
    .insert(volunteerWarnings)
    .values({ id: randomUUID(), staffId: volunteerId, flagId: flag.id, noteEnc: deps.cipher.encrypt(note), createdBy: moderator.id, createdAt: now })
    .returning();
  await recordAudit(deps.db, deps.clock, {
    actorId: moderator.id,
    actorRole: moderator.role,
    action: 'volunteer.warned',
    targetType: 'staff',
    targetId: volunteerId,
    details: { flagId: flag.id, warningId: warning!.id },
  });
  deps.live.moderation.emit({ staff: [volunteerId] }, 'moderation:warning', { id: warning!.id, note, createdAt: now.toISOString() });
  return { warningId: warning!.id };
}

/** As an admin's suspension does: status first, then every session and socket closed, open chats back in line. */
async function suspendVolunteer(deps: DecisionDeps, moderator: Moderator, flag: FlagRow, volunteerId: string) {
  const member = await requireStaffRow(deps.db, volunteerId);
  if (member.role !== 'volunteer') throw new Conflict('Only volunteers can be suspended from a review; ask an admin.');
  await setStaffStatus(deps.db, volunteerId, 'suspended');
  await revokeAllSessions(deps.db, deps.clock, volunteerId, 'suspended');
  await deps.live.staffRevoked(volunteerId);
  const returned: ReturnedToQueue[] = [];
  const open = await deps.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.volunteerId, volunteerId), eq(conversations.status, 'active')));
  for (const c of open) {
    try {
      returned.push(
        await returnConversationToQueue(deps.db, deps.clock, c.id, { reason: 'volunteer_unavailable', endedBy: 'system', volunteerId }),
      );
    } catch (err) {
      if (!(err instanceof Conflict)) throw err; // ended or handed on meanwhile
    }
  }
  for (const r of returned) {
    try {
      await deps.live.returnedToQueue(r);
    } catch (err) {
      deps.logger.warn('moderation.requeue_notify_failed', errorFields(err));
    }
  }
  await recordAudit(deps.db, deps.clock, {
    actorId: moderator.id,
    actorRole: moderator.role,
    action: 'volunteer.suspended',
    targetType: 'staff',
    targetId: volunteerId,
    details: { flagId: flag.id, requeuedConversations: returned.length },
  });
  return { requeuedConversations: returned.length };
}

/** The warnings a volunteer received, newest first (their own console). */
export async function warningsOf(deps: Pick<AppContext, 'db' | 'cipher'>, staffId: string): Promise<VolunteerWarningView[]> {
  const rows = await deps.db
    .select()
    .from(volunteerWarnings)
    .where(eq(volunteerWarnings.staffId, staffId))
    .orderBy(desc(volunteerWarnings.createdAt))
    .limit(100);
  return rows.map((w) => ({ id: w.id, note: deps.cipher.decrypt(w.noteEnc), createdAt: w.createdAt.toISOString() }));
}
