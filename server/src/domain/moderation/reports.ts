// Flags raised by people: the survivor's report about their volunteer, and the announcement of any new flag.
import type { MyFlag, ReportSendInput } from '@beside/shared';
import type { ConversationRow } from '../conversations/conversations.js';
import { recordAudit } from '../core/audit.js';
import type { Services } from '../core/services.js';
import { raiseFlag, flagQueueItem, toMyFlag, type FlagRow } from './flags.js';

export type ReportDeps = Pick<Services, 'db' | 'clock' | 'cipher' | 'live'>;

/** Audits a flag a person raised and tells the moderators (never the other side of the conversation). */
export async function announceNewFlag(deps: ReportDeps, row: FlagRow, actor: { id: string; role: string }): Promise<void> {
  await recordAudit(deps.db, deps.clock, {
    actorId: actor.id,
    actorRole: actor.role,
    action: 'flag.raised',
    targetType: 'flag',
    targetId: row.id,
    details: { conversationId: row.conversationId, source: row.source, reason: row.reason, severity: row.severity },
  });
  // Only the moderators hear of it: never the other side of the conversation.
  deps.live.emit({ moderators: true }, 'flag:new', await flagQueueItem(deps.db, row.id));
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
