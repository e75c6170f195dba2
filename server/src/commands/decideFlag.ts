// A moderator's decision on a flag: dismiss, warn the volunteer, suspend the volunteer, or ban the survivor.
import type { FlagDecision, FlagDecisionBody, FlagOutcome, FlagQueueItem } from '@beside/shared';
import type { AppContext } from '../context.js';
import { recordAudit } from '../domain/core/audit.js';
import { Conflict } from '../domain/core/errors.js';
import { activeConversationsOf } from '../domain/conversations/conversations.js';
import { leaveQueue } from '../domain/matching/queue.js';
import { banDurationMs, banVisitor, liftBlocksOfFlag } from '../domain/moderation/bans.js';
import { closeFlag, flagQueueItem, getFlag, toMyFlag, type FlagRow } from '../domain/moderation/flags.js';
import { conversationRow } from '../domain/moderation/transcripts.js';
import { recordWarning } from '../domain/moderation/warnings.js';
import { requireStaffRow } from '../domain/staff/accounts.js';
import { endAndAnnounce } from './endConversation.js';
import { changeStaffStatus } from './suspendStaff.js';

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
  deps: AppContext,
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
  deps.live.emit({ moderators: true }, 'flag:closed', {
    flagId: flag.id,
    conversationId: flag.conversationId,
    outcome,
    decidedByName: item.decidedByName ?? '',
    decidedAt: row.decidedAt!.toISOString(),
  });
  // The person who raised it learns that it was reviewed and the outcome category; never the note.
  if (row.raisedById && row.source === 'survivor') deps.live.emit({ visitors: [row.raisedById] }, 'flag:reviewed', toMyFlag(row));
  if (row.raisedById && row.source === 'volunteer') deps.live.emit({ staff: [row.raisedById] }, 'flag:reviewed', toMyFlag(row));
  return item;
}

async function banSurvivor(deps: AppContext, moderator: Moderator, flag: FlagRow, visitorId: string, days: number | undefined) {
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
  if (await leaveQueue(deps.db, visitorId)) await deps.queue.changed();
  let endedChats = 0;
  for (const c of await activeConversationsOf(deps.db, { kind: 'visitor', visitorId })) {
    try {
      await endAndAnnounce(deps, c.id, { endedBy: 'moderator', reason: 'ended_by_moderator' });
      endedChats++;
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
    }
  }
  return { banId: ban.id, banExpiresAt: ban.expiresAt.toISOString(), liftedBlocks, endedChats };
}

async function warnVolunteer(deps: AppContext, moderator: Moderator, flag: FlagRow, volunteerId: string, note: string) {
  const warning = await recordWarning(deps, { staffId: volunteerId, flagId: flag.id, note, createdBy: moderator.id });
  await recordAudit(deps.db, deps.clock, {
    actorId: moderator.id,
    actorRole: moderator.role,
    action: 'volunteer.warned',
    targetType: 'staff',
    targetId: volunteerId,
    details: { flagId: flag.id, warningId: warning.id },
  });
  deps.live.emit({ staff: [volunteerId] }, 'moderation:warning', warning);
  return { warningId: warning.id };
}

/** The same flow as an admin's suspension (commands/suspendStaff.ts): status, open chats back in line, then access cut. */
async function suspendVolunteer(deps: AppContext, moderator: Moderator, flag: FlagRow, volunteerId: string) {
  const member = await requireStaffRow(deps.db, volunteerId);
  if (member.role !== 'volunteer') throw new Conflict('Only volunteers can be suspended from a review; ask an admin.');
  const { requeued } = await changeStaffStatus(deps, volunteerId, 'suspended');
  await recordAudit(deps.db, deps.clock, {
    actorId: moderator.id,
    actorRole: moderator.role,
    action: 'volunteer.suspended',
    targetType: 'staff',
    targetId: volunteerId,
    details: { flagId: flag.id, requeuedConversations: requeued },
  });
  return { requeuedConversations: requeued };
}
