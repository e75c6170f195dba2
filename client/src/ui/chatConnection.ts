// One authenticated socket and the chats it carries: messages, outbox, typing, endings, reconnects.
import type { ChatMessage, ConversationEnded, ConversationView, SenderRole, SessionState } from '@beside/shared';
import { lastSeq, mergeMessages } from './messages';
import { Outbox, type OutgoingMessage } from './outbox';
import { isAuthRefusal, openSocket, refusalCode, request, type BesideSocket } from './socket';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'closed';

export interface ChatState {
  view: ConversationView;
  messages: ChatMessage[];
  outgoing: OutgoingMessage[];
  peerTyping: boolean;
  /** The volunteer's connection dropped; the server holds the chat for a grace period. */
  peerAway: boolean;
  /** The survivor deleted the transcript: its messages are gone from view too. */
  deleted: boolean;
  /** A server note for the survivor about their own safety (e.g. after sharing contact details). */
  safetyNotice?: string;
  ended?: ConversationEnded;
  unread: number;
}

export interface ChatSnapshot {
  status: ConnectionStatus;
  chats: ChatState[];
}

export interface ChatConnectionHooks {
  /** After every (re)connection, once the server said where this session stands. */
  onSessionState?(state: SessionState): void;
  /** The token was refused: this session cannot go on. */
  onRefused?(code: string | undefined): void;
  /** The server revoked the session (staff: sign in again). */
  onRevoked?(): void;
}

const TYPING_CLEAR_MS = 8_000;

export class ChatConnection {
  readonly socket: BesideSocket;
  private snapshot: ChatSnapshot = { status: 'connecting', chats: [] };
  private readonly chats = new Map<string, Omit<ChatState, 'outgoing'>>();
  private readonly listeners = new Set<() => void>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly outbox: Outbox;
  private status: ConnectionStatus = 'connecting';
  private onScreen = new Set<string>();

  constructor(
    private token: string,
    /** Who this side is in a conversation: its own messages carry this sender. */
    private readonly self: SenderRole,
    private readonly hooks: ChatConnectionHooks = {},
  ) {
    this.outbox = new Outbox({
      send: (payload) => request(this.socket, 'message:send', payload),
      isOnline: () => this.status === 'online',
      onDelivered: (message) => this.addMessages(message.conversationId, [message]),
      onChange: () => this.publish(),
    });
    this.socket = openSocket(() => this.token);
    this.bind();
  }

  // --- for React (useSyncExternalStore) ---
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): ChatSnapshot => this.snapshot;

  // --- actions ---
  setToken(token: string): void {
    this.token = token;
  }

  send(conversationId: string, body: string): void {
    this.outbox.enqueue(conversationId, body);
    this.sendTyping(conversationId, false);
  }

  retry(clientId: string): void {
    this.outbox.retry(clientId);
  }

  sendTyping(conversationId: string, typing: boolean): void {
    if (this.status === 'online') this.socket.volatile.emit('typing', { conversationId, typing });
  }

  async end(conversationId: string): Promise<void> {
    const ack = await request(this.socket, 'conversation:end', { conversationId });
    if (ack.ok) this.markEnded(ack.data);
    else throw new Error(ack.error.message);
  }

  /** Survivor only: deletes an ended conversation's transcript on the server now. */
  async deleteTranscript(conversationId: string): Promise<void> {
    const ack = await request(this.socket, 'conversation:delete', { conversationId });
    if (!ack.ok) throw new Error(ack.error.message);
    this.patch(conversationId, { messages: [], deleted: true });
  }

  /** The chats on screen: their incoming messages do not count as unread (while the page is visible). */
  showing(conversationIds: readonly string[]): void {
    this.onScreen = new Set(conversationIds);
    let changed = false;
    for (const id of conversationIds) {
      const chat = this.chats.get(id);
      if (chat && chat.unread > 0) {
        this.chats.set(id, { ...chat, unread: 0 });
        changed = true;
      }
    }
    if (changed) this.publish();
  }

  /** Drops an ended chat from the list (a volunteer closing its tab). */
  forget(conversationId: string): void {
    this.chats.delete(conversationId);
    this.publish();
  }

  close(): void {
    this.status = 'closed';
    this.socket.disconnect();
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.publish();
  }

  // --- socket events ---
  private bind(): void {
    const s = this.socket;
    s.on('connect', () => {
      this.status = 'online';
      this.publish();
      void this.resync();
    });
    s.on('disconnect', (reason) => {
      if (this.status === 'closed') return;
      this.status = 'reconnecting';
      this.outbox.markOffline();
      this.publish();
      // The server hung up on purpose (e.g. a restart): socket.io does not retry that by itself.
      if (reason === 'io server disconnect') setTimeout(() => this.status !== 'closed' && s.connect(), 1_000);
    });
    s.on('connect_error', (error) => {
      if (isAuthRefusal(error)) {
        this.close();
        this.hooks.onRefused?.(refusalCode(error));
        return;
      }
      this.status = this.status === 'connecting' ? 'connecting' : 'reconnecting';
      this.publish();
      // A refusal by server middleware (e.g. rate limiting) stops socket.io's own retries.
      if (!s.active) setTimeout(() => this.status !== 'closed' && s.connect(), 5_000);
    });
    s.on('session:closing', ({ reason }) => {
      if (reason === 'revoked') {
        this.close();
        this.hooks.onRevoked?.();
      }
    });
    s.on('conversation:started', (view) => {
      this.upsertView(view);
      void this.catchUp(view.id);
    });
    s.on('message:new', (message) => this.addMessages(message.conversationId, [message]));
    s.on('typing', (signal) => {
      if (signal.sender !== this.self && signal.sender !== 'system') this.setPeerTyping(signal.conversationId, signal.typing);
    });
    s.on('conversation:ended', (ended) => this.markEnded(ended));
    s.on('conversation:volunteer_away', ({ conversationId }) => this.patch(conversationId, { peerAway: true }));
    s.on('conversation:volunteer_back', ({ conversationId }) => this.patch(conversationId, { peerAway: false }));
    s.on('conversation:transcript_deleted', ({ conversationId }) => this.patch(conversationId, { messages: [], deleted: true }));
    s.on('safety:notice', ({ conversationId, message }) => this.patch(conversationId, { safetyNotice: message }));
  }

  /** After a (re)connection: learn where we stand, fetch what was missed, resend the outbox. */
  private async resync(): Promise<void> {
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
    this.hooks.onSessionState?.(ack.data);
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

  private upsertView(view: ConversationView): void {
    const chat = this.chats.get(view.id);
    this.chats.set(view.id, chat ? { ...chat, view } : { view, messages: [], peerTyping: false, peerAway: false, deleted: false, unread: 0 });
    if (view.status === 'ended' && view.endedBy && view.endReason && !chat?.ended) {
      this.markEnded({ conversationId: view.id, endedBy: view.endedBy, reason: view.endReason, endedAt: view.endedAt ?? '' });
    }
    this.publish();
  }

  private addMessages(conversationId: string, incoming: ChatMessage[]): void {
    const chat = this.chats.get(conversationId);
    if (!chat) return;
    const messages = mergeMessages(chat.messages, incoming);
    for (const m of incoming) this.outbox.settle(m.clientId);
    if (messages === chat.messages) return;
    const fromPeer = incoming.filter((m) => m.sender !== this.self && m.sender !== 'system').length;
    const seen = this.onScreen.has(conversationId) && document.visibilityState === 'visible';
    const unread = seen ? 0 : chat.unread + fromPeer;
    this.chats.set(conversationId, { ...chat, messages, unread, peerTyping: fromPeer > 0 ? false : chat.peerTyping });
    this.publish();
  }

  private patch(conversationId: string, change: Partial<Omit<ChatState, 'outgoing'>>): void {
    const chat = this.chats.get(conversationId);
    if (!chat) return;
    this.chats.set(conversationId, { ...chat, ...change });
    this.publish();
  }

  private setPeerTyping(conversationId: string, typing: boolean): void {
    const chat = this.chats.get(conversationId);
    if (!chat || chat.peerTyping === typing) return;
    clearTimeout(this.typingTimers.get(conversationId));
    // A lost "stopped typing" signal must not leave the indicator on forever.
    if (typing) this.typingTimers.set(conversationId, setTimeout(() => this.setPeerTyping(conversationId, false), TYPING_CLEAR_MS));
    this.chats.set(conversationId, { ...chat, peerTyping: typing });
    this.publish();
  }

  private markEnded(ended: ConversationEnded): void {
    const chat = this.chats.get(ended.conversationId);
    if (!chat || chat.ended) return;
    const view: ConversationView = { ...chat.view, status: 'ended', endedAt: ended.endedAt, endedBy: ended.endedBy, endReason: ended.reason };
    this.chats.set(ended.conversationId, { ...chat, view, ended, peerTyping: false, peerAway: false });
    this.outbox.abandon(ended.conversationId, 'The chat has ended.');
    this.publish();
  }

  private publish(): void {
    const chats = [...this.chats.values()].map((chat) => ({ ...chat, outgoing: this.outbox.list(chat.view.id) }));
    this.snapshot = { status: this.status, chats };
    for (const listener of this.listeners) listener();
  }
}
