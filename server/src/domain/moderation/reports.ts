// Flags raised by people: the survivor's report about their volunteer, and the volunteer's flag (with end-and-block).
import type { FlagRaised, FlagRaiseInput, MyFlag, ReportSendInput, VolunteerFlagReason } from '@beside/shared';
import type { AppContext } from '../../context.js';
import { recordAudit } from '../core/audit.js';
import { BLOCK_HOURS, banVisitor } from './bans.js';
import { endConversation, type ConversationRow } from '../conversations/conversations.js';
import { Invalid } from '../core/errors.js';
import { flagQueueItem, raiseFlag, toMyFlag, type FlagRow } from './flags.js';
import { markHighRisk } from './screening.js';

export type ReportDeps = Pick<AppContext, 'db' | 'clock' | 'cipher' | 'logger' | 'live' | 'config'>;

async function announceNewFlag(deps: ReportDeps, row: FlagRow, actor: { id: string; role: string }): Promise<void> {
  await recordAudit(deps.db, deps.clock, {
    actorId: actor.id,
    actorRole: actor.role,
    action: 'flag.raised',
    targetType: 'flag',
    targetId: row.id,
    details: { conversationId: row.conversationId, source: row.source, reason: row.reason, severity: row.severity },
  });
  // Only the moderators hear of it: never the other side of the conversation.
  deps.live.moderation.emit({ moderators: true }, 'flag:new', await flagQueueItem(deps.db, row.id));
}

/** The survivor reports the volunteer of one of their conversations, live or ended. The volunteer is not told. */
export async function reportVolunteer(deps: ReportDeps, visitorId: string, conv: ConversationRow, input: ReportSendInput): Promise<MyFlag> {
  const { row, created } = await raiseFlag(deps.db, deps.clock, deps.cipher, {
    conversationId: conv.id,
    source: 'survivor',
    raisedById: visitorId,
    reason: input.reason,
    ...(input.text ? { note: input.text } : {}),
  });
  if (created) await announceNewFlag(deps, row, { id: visitorId, role: 'visitor' });
  return toMyFlag(row);
}

/**
 * The volunteer flags a conversation. With endAndBlock the chat ends (the survivor sees an ordinary end by the
 * volunteer) and the visitor is held back from the service for BLOCK_HOURS, until a moderator decides: a block
 * only by this volunteer would just route them to the next one. Someone at risk to life is never blocked.
 */
export async function flagConversation(
  deps: ReportDeps,
  volunteer: { id: string; role: string },
  conv: ConversationRow,
  input: FlagRaiseInput,
): Promise<FlagRaised> {
  const reason = input.reason as VolunteerFlagReason;
  if (input.endAndBlock && reason === 'risk_to_life') {
    throw new Invalid('Someone at risk is never blocked. Flag the risk and ask for help instead.', 'endAndBlock');
  }
  const { row, created } = await raiseFlag(deps.db, deps.clock, deps.cipher, {
    conversationId: conv.id,
    source: 'volunteer',
    raisedById: volunteer.id,
    reason,
    ...(input.text ? { note: input.text } : {}),
  });
  if (created) await announceNewFlag(deps, row, volunteer);
  if (reason === 'risk_to_life' && conv.status === 'active') await markHighRisk(deps, conv, [], 'volunteer');

  let ended: FlagRaised['ended'];
  let blocked = false;
  if (input.endAndBlock) {
    if (conv.status === 'active') {
      const result = await endConversation(deps.db, deps.clock, conv.id, {
        endedBy: 'volunteer',
        reason: 'ended_by_volunteer',
        cooldownSeconds: deps.config.timing.chatCooldownSeconds,
        highRiskCooldownSeconds: deps.config.timing.highRiskCooldownSeconds,
      });
      await deps.live.ended(result.ended, conv.volunteerId);
      ended = { conversationId: conv.id, endedAt: result.ended.endedAt };
    }
    const block = await banVisitor(deps.db, deps.clock, {
      kind: 'block',
      visitorId: conv.visitorId,
      flagId: row.id,
      createdBy: volunteer.id,
      durationMs: BLOCK_HOURS * 60 * 60 * 1000,
    });
    blocked = true;
    await recordAudit(deps.db, deps.clock, {
      actorId: volunteer.id,
      actorRole: volunteer.role,
      action: 'visitor.blocked',
      targetType: 'ban',
      targetId: block.id,
      details: { flagId: row.id, conversationId: conv.id, hours: BLOCK_HOURS, keyedOnIpHash: block.ipHash !== null },
    });
  }
  return { flag: toMyFlag(row), ...(ended ? { ended } : {}), blocked };
}
