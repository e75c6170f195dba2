// Tells clients what was committed: matches, queue positions, messages and endings, by room.
import type { ChatMessage, ConversationEnded } from '@beside/shared';
import type { TranscriptDeleted } from '@beside/shared';
import type { AppContext } from '../context.js';
import { conversationViewById } from '../domain/conversations/conversations.js';
import type { Match } from '../domain/matching/claim.js';
import { markQueueConnection, queueStatusOf, queueSummary, waitingStatuses } from '../domain/matching/queue.js';
import type { ReturnedToQueue } from '../domain/matching/requeue.js';
import { handoffFor, type TransferredToVolunteer } from '../domain/matching/transfer.js';
import { forgetCapacitySnapshot } from '../domain/matching/waitEstimate.js';
import { getVolunteerState } from '../domain/matching/presence.js';
import { riskFollowsChat } from '../domain/moderation/screening.js';
import { raisedModeratorAlert } from '../domain/moderation/supervision.js';
import { errorFields } from '../logger.js';
import { rooms } from './rooms.js';
import type { IoServer } from './types.js';

/** Queue pushes are coalesced: at most one recomputation per this many ms per node. */
// Half a second: prompt for a person watching their place, and with a thousand waiting while survivors are matched
// one after another it is two pushes a second each, not five (measured by bench/match.ts).
const QUEUE_PUSH_COALESCE_MS = 500;

export class Notifier {
  private queueTimer: NodeJS.Timeout | null = null;
  /** The last queue:status this node pushed to each waiting survivor (JSON), to push only changes. */
  private lastPushed = new Map<string, string>();

  constructor(
    private readonly io: IoServer,
    private readonly ctx: AppContext,
  ) {}

  async matched(matches: Match[]): Promise<void> {
    for (const m of matches) {
      const room = rooms.conversation(m.conversationId);
      await this.io.in([rooms.visitor(m.visitorId), rooms.user(m.volunteerId)]).socketsJoin(room);
      const view = m.view ?? (await conversationViewById(this.ctx.db, m.conversationId));
      if (view) this.io.to(room).emit('conversation:started', view);
      // A survivor handed on: the new volunteer (only) learns why, and reads the private notes.
      if (m.previousConversationId) {
        await this.handoff(m.conversationId, m.volunteerId);
        await riskFollowsChat(this.ctx, m.conversationId);
      }
      await this.volunteerState(m.volunteerId);
    }
  }

  /** Recomputes every waiting survivor's position and estimate and pushes it to them. */
  queueChanged(): Promise<void> {
    if (!this.queueTimer) {
      this.queueTimer = setTimeout(() => {
        this.queueTimer = null;
        void this.pushQueueStatuses();
      }, QUEUE_PUSH_COALESCE_MS);
      this.queueTimer.unref();
    }
    return Promise.resolve();
  }

  private async pushQueueStatuses(): Promise<void> {
    try {
      // Only what changed since this node last told each survivor: when one more joins at the back, nobody
      // else's place moved and a thousand identical pushes would go out for nothing.
      const pushed = new Map<string, string>();
      for (const { visitorId, status } of await waitingStatuses(this.ctx.db, this.ctx.clock, { timing: this.ctx.config.timing })) {
        const json = JSON.stringify(status);
        pushed.set(visitorId, json);
        if (this.lastPushed.get(visitorId) !== json) this.io.to(rooms.visitor(visitorId)).emit('queue:status', status);
      }
      this.lastPushed = pushed;
      this.io.to(rooms.staff).emit('queue:summary', await queueSummary(this.ctx.db, this.ctx.clock));
    } catch (err) {
      this.ctx.logger.warn('queue.push_failed', errorFields(err));
    }
  }

  /**
   * To everyone in the conversation's room. `senderSocketId` leaves out the socket that sent it, which has the
   * message in its ack already (the sender's other tabs, the peer and observers still get it): one frame less
   * per chat message.
   */
  message(message: ChatMessage, senderSocketId?: string): void {
    const room = this.io.to(rooms.conversation(message.conversationId));
    (senderSocketId ? room.except(senderSocketId) : room).emit('message:new', message);
  }

  async ended(ended: ConversationEnded, volunteerId: string): Promise<void> {
    await this.announceEnded(ended, volunteerId);
    // A slot may be free now: match at once, and tell the queue its estimates moved.
    void this.ctx.matchmaker.kick();
    void this.queueChanged();
  }

  private async announceEnded(ended: ConversationEnded, volunteerId: string): Promise<void> {
    const room = rooms.conversation(ended.conversationId);
    this.io.to(room).emit('conversation:ended', ended);
    await this.io.in(room).socketsLeave(room);
    // Moderators alerted about this chat (high-risk, help asked) see that the alert no longer calls for observing.
    if (await raisedModeratorAlert(this.ctx.db, ended.conversationId)) {
      const { conversationId, endedAt, continues } = ended;
      this.ctx.live.moderation.emit({ moderators: true }, 'alert:ended', { conversationId, endedAt, ...(continues ? { continues } : {}) });
    }
    await this.volunteerState(volunteerId);
  }

  /** A survivor deleted a transcript: both sides drop it from view (the volunteer's console may still show it). */
  transcriptDeleted(deleted: TranscriptDeleted, visitorId: string, volunteerIds: string[]): void {
    this.io.to([rooms.visitor(visitorId), ...volunteerIds.map(rooms.user)]).emit('conversation:transcript_deleted', deleted);
  }

  async volunteerState(staffId: string): Promise<void> {
    // Sent after every change of a volunteer's load or shift: estimates must read capacity afresh.
    forgetCapacitySnapshot(this.ctx.db);
    this.io.to(rooms.user(staffId)).emit('volunteer:state', await getVolunteerState(this.ctx.db, staffId));
  }

  // ---- matching (issue 3)

  /** Pushes these survivors' statuses now, not coalesced (a relaxed preference is told before any match). */
  async queueStatusTo(visitorIds: string[]): Promise<void> {
    for (const visitorId of visitorIds) {
      const status = await queueStatusOf(this.ctx.db, this.ctx.clock, visitorId, { timing: this.ctx.config.timing });
      this.lastPushed.set(visitorId, JSON.stringify(status));
      this.io.to(rooms.visitor(visitorId)).emit('queue:status', status);
    }
  }

  /** Survivors put back at the front of the queue: both sides see the end, the survivor their new place. */
  async returnedToQueue(results: ReturnedToQueue[]): Promise<void> {
    for (const r of results) {
      await this.announceEnded(r.ended, r.volunteerId);
      // A survivor who is not connected keeps the place for the hold time, like any disconnected survivor.
      if ((await this.socketsIn(rooms.visitor(r.visitorId))) === 0) {
        await markQueueConnection(this.ctx.db, this.ctx.clock, r.visitorId, false);
      }
      await this.queueStatusTo([r.visitorId]);
    }
    await this.ctx.matchmaker.kick();
    await this.queueChanged();
  }

  /** A chat passed from one volunteer to another: the old room ends, the new one starts with the hand-off. */
  async transferred(t: TransferredToVolunteer): Promise<void> {
    await this.announceEnded(t.ended, t.fromVolunteerId);
    await this.matched([
      {
        conversationId: t.newConversationId,
        visitorId: t.visitorId,
        volunteerId: t.toVolunteerId,
        previousConversationId: t.conversationId,
        requeueReason: 'transferred',
      },
    ]);
    // The volunteer who passed the chat on has a free slot (after their cool-down).
    void this.ctx.matchmaker.kick();
  }

  /** The hand-off of a conversation, to its volunteer's sockets only. */
  async handoff(conversationId: string, volunteerId: string): Promise<void> {
    const handoff = await handoffFor(this.ctx.db, this.ctx.cipher, conversationId, volunteerId);
    if (handoff) this.io.to(rooms.user(volunteerId)).emit('conversation:handoff', handoff);
  }

  /** The volunteer's last connection dropped: their survivors are told how long the grace period runs. */
  volunteerAway(conversationIds: string[], since: Date): void {
    const returnsToQueueAt = new Date(since.getTime() + this.ctx.config.timing.volunteerGraceSeconds * 1000).toISOString();
    for (const conversationId of conversationIds) {
      this.io
        .to(rooms.conversation(conversationId))
        .emit('conversation:volunteer_away', { conversationId, since: since.toISOString(), returnsToQueueAt });
    }
  }

  volunteerBack(conversationIds: string[]): void {
    for (const conversationId of conversationIds) {
      this.io.to(rooms.conversation(conversationId)).emit('conversation:volunteer_back', { conversationId });
    }
  }

  /** How many sockets, on any node, are in a room. */
  async socketsIn(room: string): Promise<number> {
    return (await this.io.in(room).fetchSockets()).length;
  }

  stop(): void {
    if (this.queueTimer) clearTimeout(this.queueTimer);
  }
}
