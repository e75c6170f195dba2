// A survivor's or volunteer's chats: where they stand from session:state, gaps filled by messages:since, typing, ending, deleting.
import type { Ack, ApiError, ChatMessage, ConversationEnded, ConversationView, ImminentEndReason, SessionState } from '@beside/shared';
import { ChatConnection, type ChatConnectionHooks, type SocketOpener } from './chatConnection';
import { lastSeq } from './messages';
import type { OutgoingPayload } from './outbox';
import { request } from './socket';

export interface ParticipantHooks extends ChatConnectionHooks {
  /** After every (re)connection, once the server said where this session stands. */
  onSessionState?(state: SessionState): void;
}

/** The server said no, with its reasons (`details`), for a page that words them itself. */
export class RefusedError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
    this.name = 'RefusedError';
  }
}

export class ParticipantConnection extends ChatConnection<ConversationView> {
  constructor(
    token: string,
    self: 'visitor' | 'volunteer',
    private readonly participantHooks: ParticipantHooks = {},
    open?: SocketOpener,
  ) {
    super(token, self, participantHooks, open);
    const s = this.socket;
    s.on('conversation:started', (view) => {
      this.upsertView(view);
      // Fire and forget: catchUp never rejects, and a reconnection catches up again.
      void this.catchUp(view.id);
    });
    s.on('conversation:volunteer_away', ({ conversationId }) => this.patch(conversationId, { peerAway: true }));
    s.on('conversation:volunteer_back', ({ conversationId }) => this.patch(conversationId, { peerAway: false }));
    s.on('conversation:transcript_deleted', ({ conversationId }) => this.patch(conversationId, { messages: [], deleted: true }));
    s.on('safety:notice', ({ conversationId, kind }) => this.patch(conversationId, { safetyNotice: kind }));
  }

  override send(conversationId: string, body: string): void {
    super.send(conversationId, body);
    this.sendTyping(conversationId, false);
  }

  sendTyping(conversationId: string, typing: boolean): void {
    if (this.isOnline()) this.socket.volatile.emit('typing', { conversationId, typing });
  }

  /** Ends a chat; a refusal throws a RefusedError (a volunteer on an imminent chat is asked `imminentReason`). */
  async end(conversationId: string, imminentReason?: ImminentEndReason): Promise<void> {
    const ack = await request(this.socket, 'conversation:end', { conversationId, ...(imminentReason ? { imminentReason } : {}) });
    if (ack.ok) this.markEnded(ack.data);
    else throw new RefusedError(ack.error);
  }

  /** Survivor only: deletes an ended conversation's transcript on the server now; a refusal throws a RefusedError. */
  async deleteTranscript(conversationId: string): Promise<void> {
    const ack = await request(this.socket, 'conversation:delete', { conversationId });
    if (!ack.ok) throw new RefusedError(ack.error);
    this.patch(conversationId, { messages: [], deleted: true });
  }

  protected sendMessage(payload: OutgoingPayload): Promise<Ack<ChatMessage>> {
    return request(this.socket, 'message:send', payload);
  }

  /** After a (re)connection: learn where we stand, fetch what was missed, resend the outbox. */
  protected async resync(): Promise<void> {
    const ack = await request(this.socket, 'session:state', {});
    if (!ack.ok) return;
    for (const view of ack.data.conversations) this.upsertView(view);
    await Promise.all([...this.chats.keys()].map((id) => this.catchUp(id)));
    // A chat that ended while we were away is no longer listed, and its conversation:ended was missed.
    const listed = new Set(ack.data.conversations.map((c) => c.id));
    for (const [id, chat] of this.chats) {
      if (chat.ended || listed.has(id)) continue;
      const reason = this.self === 'visitor' ? 'visitor_left' : 'volunteer_unavailable';
      this.markEnded({ conversationId: id, endedBy: 'system', reason, endedAt: new Date().toISOString() });
    }
    this.outbox.flush();
    this.participantHooks.onSessionState?.(ack.data);
  }

  protected endedView(view: ConversationView, ended: ConversationEnded): ConversationView {
    return { ...view, status: 'ended', endedAt: ended.endedAt, endedBy: ended.endedBy, endReason: ended.reason };
  }

  private async catchUp(conversationId: string): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const chat = this.chats.get(conversationId);
      if (!chat || chat.ended) return;
      const afterSeq = lastSeq(chat.messages);
      if (afterSeq >= chat.view.lastSeq && round > 0) return;
      const ack = await request(this.socket, 'messages:since', { conversationId, afterSeq });
      if (!ack.ok || ack.data.length === 0) return;
      this.addMessages(conversationId, ack.data);
      // Nothing filled the gap (those messages no longer exist): asking again would get the same answer.
      if (lastSeq(this.chats.get(conversationId)?.messages ?? []) === afterSeq) return;
    }
  }

  /** The earlier parts of a chat that continues another: kept on screen for both sides, after a reload too. */
  private async loadEarlier(conversationId: string): Promise<void> {
    const ack = await request(this.socket, 'thread:history', { conversationId });
    if (ack.ok) this.patch(conversationId, { earlier: ack.data.parts.filter((p) => p.conversationId !== conversationId) });
  }

  private upsertView(view: ConversationView): void {
    const held = this.chats.get(view.id);
    this.upsertChat(view);
    // Fire and forget: request() answers every failure with an Ack, and the next reconnection asks again.
    if (view.previousConversationId && !held?.earlier && view.status === 'active') void this.loadEarlier(view.id);
    if (view.status === 'ended' && view.endedBy && view.endReason && !held?.ended) {
      this.markEnded({ conversationId: view.id, endedBy: view.endedBy, reason: view.endReason, endedAt: view.endedAt ?? '' });
    }
  }
}
