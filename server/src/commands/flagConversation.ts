// A volunteer flags a conversation; with end-and-block the chat ends and the visitor is held back until review.
import type { FlagRaised, FlagRaiseInput, VolunteerFlagReason } from '@beside/shared';
import type { AppContext } from '../context.js';
import type { ConversationRow } from '../domain/conversations/conversations.js';
import { recordAudit } from '../domain/core/audit.js';
import { Invalid } from '../domain/core/errors.js';
import { BLOCK_HOURS, banVisitor } from '../domain/moderation/bans.js';
import { raiseFlag, toMyFlag } from '../domain/moderation/flags.js';
import { announceNewFlag } from '../domain/moderation/reports.js';
import { markHighRisk } from '../domain/moderation/screening.js';
import { endAndAnnounce } from './endConversation.js';

/**
 * The volunteer flags a conversation. With endAndBlock the chat ends (the survivor sees an ordinary end by the
 * volunteer) and the visitor is held back from the service for BLOCK_HOURS, until a moderator decides: a block
 * only by this volunteer would just route them to the next one. Someone at risk to life is never blocked.
 */
export async function flagConversation(
  deps: AppContext,
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
      const result = await endAndAnnounce(deps, conv.id, { endedBy: 'volunteer', reason: 'ended_by_volunteer' });
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
