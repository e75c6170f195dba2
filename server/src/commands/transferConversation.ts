// Passing a chat on: to another volunteer (the old room ends, the new one starts with the hand-off) or to the queue.
import type { TransferResult } from '@beside/shared';
import { assertNotTakenOver } from '../domain/moderation/supervision.js';
import { conversationRow } from '../domain/moderation/transcripts.js';
import type { AppContext } from '../context.js';
import { transferToQueue, transferToVolunteer } from '../domain/matching/transfer.js';
import { announceMatches } from './announceMatches.js';
import { announceEnded } from './endConversation.js';
import { announceReturnedToQueue } from './returnToQueue.js';

export interface TransferAsk {
  conversationId: string;
  fromVolunteerId: string;
  /** Absent: back to the front of the queue. */
  toVolunteerId?: string;
  note?: string;
  /** The supervisor who took the chat over hands it on (supervision:hand_back): the takeover does not hold it. */
  bySupervisor?: boolean;
}

export async function transferConversation(ctx: AppContext, ask: TransferAsk): Promise<TransferResult> {
  // A chat a supervisor took over is theirs to hand on, not its volunteer's.
  const conv = await conversationRow(ctx.db, ask.conversationId);
  if (conv && !ask.bySupervisor && conv.volunteerId === ask.fromVolunteerId) await assertNotTakenOver(ctx.db, conv, ask.fromVolunteerId);
  const request = {
    conversationId: ask.conversationId,
    fromVolunteerId: ask.fromVolunteerId,
    cooldownSeconds: ctx.config.timing.chatCooldownSeconds,
    ...(ask.note ? { note: ask.note } : {}),
  };
  if (!ask.toVolunteerId) {
    const returned = await transferToQueue(ctx.db, ctx.clock, ctx.cipher, request);
    await announceReturnedToQueue(ctx, [returned]);
    return { conversationId: returned.conversationId, to: 'queue' };
  }
  const t = await transferToVolunteer(ctx.db, ctx.clock, ctx.cipher, { ...request, toVolunteerId: ask.toVolunteerId });
  await announceEnded(ctx, t.ended, t.fromVolunteerId);
  await announceMatches(ctx, [
    {
      conversationId: t.newConversationId,
      visitorId: t.visitorId,
      volunteerId: t.toVolunteerId,
      previousConversationId: t.conversationId,
      requeueReason: 'transferred',
    },
  ]);
  // The volunteer who passed the chat on has a free slot (after their cool-down).
  void ctx.matchmaker.kick();
  return { conversationId: t.conversationId, to: 'volunteer', newConversationId: t.newConversationId, volunteerName: t.toVolunteerName };
}
