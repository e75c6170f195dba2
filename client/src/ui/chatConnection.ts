// One authenticated socket and the chats it carries: messages, the outbox, the other side's typing, endings, reconnects.
import type { Ack, ChatMessage, ConversationEnded, ConversationView, SafetyNoticeKind, SenderRole, ThreadPart } from '@beside/shared';
import { mergeMessages } from './messages';
import { Outbox, type OutgoingMessage, type OutgoingPayload } from './outbox';
import { isAuthRefusal, openSocket, refusalCode, type BesideSocket } from './socket';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'closed';

/** What the connection itself reads of a conversation; each side's view adds what its screens show. */
export interface ChatView {
  id: string;
}

export interface ChatState<View extends ChatView = ConversationView> {
  view: View;
  messages: ChatMessage[];
  outgoing: OutgoingMessage[];
  peerTyping: boolean;
  /** Who is typing while `peerTyping` is set (an observing moderator hears both the survivor and the volunteer). */
  typingSender?: SenderRole;
  /** The volunteer's connection dropped; the server holds the chat for a grace period. */
  peerAway: boolean;
  /** The survivor deleted the transcript: its messages are gone from view too. */
  deleted: boolean;
  /** A server note for the survivor about their own safety (e.g. after sharing contact details), worded by the page. */
  safetyNotice?: SafetyNoticeKind;
  ended?: ConversationEnded;
  unread: number;
  /** The parts of the chat before a transfer or a return to the queue (thread:history), oldest first. */
  earlier?: ThreadPart[];
}

export interface ChatSnapshot<View extends ChatView = ConversationView> {
  status: ConnectionStatus;
  chats: ChatState<View>[];
}

export interface ChatConnectionHooks {
  /** The token was refused: this session cannot go on. */
  onRefused?(code: string | undefined): void;
  /** The server revoked the session (staff: sign in again). */
  onRevoked?(): void;
}

/** Opens the socket; tests pass one that talks to a fake server. */
export type SocketOpener = (getToken: () => string) => BesideSocket;

type StoredChat<View extends ChatView> = Omit<ChatState<View>, 'outgoing'>;

const TYPING_CLEAR_MS = 8_000;

/**
 * The machinery every side shares. A side says how its messages go out (`sendMessage`), how it learns where it
 * stands after a (re)connection and fills what it missed (`resync`), and what an ended chat's view looks like.
 */
export abstract class ChatConnection<View extends ChatView = ConversationView> {
  readonly socket: BesideSocket;
  protected readonly chats = new Map<string, StoredChat<View>>();
  protected readonly outbox: Outbox;
  protected status: ConnectionStatus = 'connecting';
  private snapshot: ChatSnapshot<View> = { status: 'connecting', chats: [] };
  private readonly listeners = new Set<() => void>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private onScreen = new Set<string>();

  constructor(
    private token: string,
    /** Who this side is in a conversation: its own messages carry this sender. */
    protected readonly self: SenderRole,
    private readonly hooks: ChatConnectionHooks,
    open: SocketOpener = openSocket,
  ) {
    this.outbox = new Outbox({
      send: (payload) => this.sendMessage(payload),
      isOnline: () => this.status === 'online',
      onDelivered: (message) => this.addMessages(message.conversationId, [message]),
      onChange: () => this.publish(),
    });
    this.socket = open(() => this.token);
    this.bind();
  }

  /** Sends one of this side's messages, answering with the stored message (or a refusal). */
  protected abstract sendMessage(payload: OutgoingPayload): Promise<Ack<ChatMessage>>;
  /** After a (re)connection: learn where this side stands, fetch what it missed, then flush the outbox. */
  protected abstract resync(): Promise<void>;
  /** The view of a chat once it has ended. */
  protected abstract endedView(view: View, ended: ConversationEnded): View;

  // --- for React (useSyncExternalStore) ---
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): ChatSnapshot<View> => this.snapshot;

  // --- actions ---
  setToken(token: string): void {
    this.token = token;
  }

  send(conversationId: string, body: string): void {
    this.outbox.enqueue(conversationId, body);
  }

  retry(clientId: string): void {
    this.outbox.retry(clientId);
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

  /** Drops a chat from the list (a volunteer closing an ended chat's tab, a moderator closing a pane). */
  forget(conversationId: string): void {
    this.chats.delete(conversationId);
    this.outbox.discard(conversationId);
    this.publish();
  }

  close(): void {
    this.status = 'closed';
    this.socket.disconnect();
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.publish();
  }

  // --- socket events every side hears ---
  private bind(): void {
    const s = this.socket;
    s.on('connect', () => {
      this.status = 'online';
      this.publish();
      // Fire and forget: resync never rejects (request() answers every failure with an Ack), and the next
      // reconnection runs it again.
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
    s.on('message:new', (message) => this.addMessages(message.conversationId, [message]));
    s.on('typing', (signal) => {
      if (signal.sender !== this.self && signal.sender !== 'system') this.setPeerTyping(signal.conversationId, signal.typing, signal.sender);
    });
    s.on('conversation:ended', (ended) => this.markEnded(ended));
  }

  // --- state, for the sides ---
  protected isOnline(): boolean {
    return this.status === 'online';
  }

  /** Adds a chat, or replaces the view of one already held (its messages stay). */
  protected upsertChat(view: View): void {
    const chat = this.chats.get(view.id);
    this.chats.set(view.id, chat ? { ...chat, view } : { view, messages: [], peerTyping: false, peerAway: false, deleted: false, unread: 0 });
    this.publish();
  }

  protected addMessages(conversationId: string, incoming: readonly ChatMessage[]): void {
    const chat = this.chats.get(conversationId);
    if (!chat) return;
    const messages = mergeMessages(chat.messages, incoming);
    for (const m of incoming) this.outbox.settle(m.clientId);
    if (messages === chat.messages) return;
    const fromPeer = incoming.filter((m) => m.sender !== this.self && m.sender !== 'system').length;
    const seen = this.onScreen.has(conversationId) && document.visibilityState === 'visible';
    const unread = seen ? 0 : chat.unread + fromPeer;
    const typing = fromPeer > 0 ? { peerTyping: false, typingSender: undefined } : {};
    this.chats.set(conversationId, { ...chat, messages, unread, ...typing });
    this.publish();
  }

  protected patch(conversationId: string, change: Partial<StoredChat<View>>): void {
    const chat = this.chats.get(conversationId);
    if (!chat) return;
    this.chats.set(conversationId, { ...chat, ...change });
    this.publish();
  }

  protected markEnded(ended: ConversationEnded): void {
    const chat = this.chats.get(ended.conversationId);
    if (!chat || chat.ended) return;
    const view = this.endedView(chat.view, ended);
    this.chats.set(ended.conversationId, { ...chat, view, ended, peerTyping: false, typingSender: undefined, peerAway: false });
    this.outbox.abandon(ended.conversationId, 'The chat has ended.');
    this.publish();
  }

  protected publish(): void {
    const chats = [...this.chats.values()].map((chat) => ({ ...chat, outgoing: this.outbox.list(chat.view.id) }));
    this.snapshot = { status: this.status, chats };
    for (const listener of this.listeners) listener();
  }

  private setPeerTyping(conversationId: string, typing: boolean, sender: SenderRole): void {
    const chat = this.chats.get(conversationId);
    if (!chat || (chat.peerTyping === typing && (!typing || chat.typingSender === sender))) return;
    clearTimeout(this.typingTimers.get(conversationId));
    // A lost "stopped typing" signal must not leave the indicator on forever.
    if (typing) this.typingTimers.set(conversationId, setTimeout(() => this.setPeerTyping(conversationId, false, sender), TYPING_CLEAR_MS));
    this.chats.set(conversationId, { ...chat, peerTyping: typing, typingSender: typing ? sender : undefined });
    this.publish();
  }
}
