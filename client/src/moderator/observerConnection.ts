// A moderator's observed chats on a ChatConnection: observe, take over and write, whisper, end, leave; observed again on reconnect.
import type { Ack, AlertAckReason, ChatMessage, ConversationEnded, ObserveReason, Transcript, TransferCandidate, Whisper } from '@beside/shared';
import { ChatConnection, type ChatConnectionHooks, type ChatState, type SocketOpener } from '../ui/chatConnection';
import { mergeMessages } from '../ui/messages';
import { Outbox, type OutgoingMessage, type OutgoingPayload } from '../ui/outbox';
import { request } from '../ui/socket';

export interface ObservedView {
  id: string;
  conversation: Transcript['conversation'];
  /** This moderator holds the chat: their messages go to the survivor. */
  takenOver: boolean;
  whispers: Whisper[];
  /** This moderator's whispers not yet acknowledged, with their delivery state. */
  outgoingWhispers: OutgoingMessage[];
}

export type ObservedChat = ChatState<ObservedView>;

export interface ObserverHooks extends ChatConnectionHooks {
  /**
   * After every (re)connection: the conversations the server says this moderator observes now. Rejects when that
   * cannot be learnt; the chats already on the page are then observed again as they are.
   */
  observing(): Promise<readonly string[]>;
}

/** What an action answers the console: undefined when done, else what went wrong, in words. */
export type ActionError = string | undefined;

const sortBySeq = (list: readonly ChatMessage[]) => [...list].sort((a, b) => a.seq - b.seq);

export class ObserverConnection extends ChatConnection<ObservedView> {
  private readonly whisperOutbox: Outbox<Whisper>;
  /** Chats this moderator ended from this page: the server stopped their observation with the chat. */
  private readonly endedHere = new Set<string>();

  constructor(
    token: string,
    /** How the server names this moderator: a transcript taken over by this name is ours. */
    private readonly selfName: string,
    private readonly observerHooks: ObserverHooks,
    open?: SocketOpener,
  ) {
    super(token, 'moderator', observerHooks, open);
    this.whisperOutbox = new Outbox<Whisper>({
      send: (payload) => request(this.socket, 'supervision:whisper', payload),
      isOnline: () => this.isOnline(),
      onDelivered: (whisper) => this.addWhisper(whisper),
      onChange: () => this.showOutgoingWhispers(),
    });
    this.socket.on('supervision:whisper', (whisper) => this.addWhisper(whisper));
  }

  /** Starts observing (audited on the server), or observes again: the pane opens with the transcript so far. */
  async observe(conversationId: string, reason?: ObserveReason): Promise<ActionError> {
    const ack = await request(this.socket, 'supervision:observe', { conversationId, ...(reason ? { reason } : {}) });
    if (!ack.ok) return ack.error.message;
    this.takeIn(ack.data);
    return undefined;
  }

  async takeover(conversationId: string): Promise<ActionError> {
    const ack = await request(this.socket, 'supervision:takeover', { conversationId });
    if (!ack.ok) return ack.error.message;
    this.patchView(conversationId, () => ({ takenOver: true }));
    return undefined;
  }

  /** Acknowledges a sign-of-danger alert with a reason; the server records who and why. */
  async acknowledge(alertId: string, reason: AlertAckReason): Promise<ActionError> {
    const ack = await request(this.socket, 'alert:acknowledge', { alertId, reason });
    return ack.ok ? undefined : ack.error.message;
  }

  async end(conversationId: string): Promise<ActionError> {
    const ack = await request(this.socket, 'supervision:end', { conversationId });
    if (!ack.ok) return ack.error.message;
    this.endedHere.add(conversationId);
    this.markEnded(ack.data);
    return undefined;
  }

  /**
   * Hands a taken-over chat back to its volunteer, or on to another volunteer (`toVolunteerId`), with a note; the
   * server stops this observation, so the pane closes.
   */
  async handBack(conversationId: string, note: string, toVolunteerId?: string): Promise<ActionError> {
    const ack = await request(this.socket, 'supervision:hand_back', { conversationId, note, ...(toVolunteerId ? { toVolunteerId } : {}) });
    if (!ack.ok) return ack.error.message;
    this.forget(conversationId);
    return undefined;
  }

  /** Volunteers a taken-over chat could be handed to now (besides its own volunteer). */
  async handBackCandidates(conversationId: string): Promise<TransferCandidate[] | ActionError> {
    const ack = await request(this.socket, 'transfer:candidates', { conversationId });
    return ack.ok ? ack.data : ack.error.message;
  }

  /** Stops observing and closes the pane. */
  async leave(conversationId: string): Promise<ActionError> {
    // Ending a chat also ended this moderator's observation on the server (which would refuse a leave): closing
    // its pane is all that is left to do.
    if (!this.endedHere.delete(conversationId)) {
      const ack = await request(this.socket, 'supervision:leave', { conversationId });
      if (!ack.ok) return ack.error.message;
    }
    this.forget(conversationId);
    return undefined;
  }

  /** A private line to the volunteer, through its own outbox: retried with the same clientId until acknowledged. */
  whisper(conversationId: string, body: string): void {
    this.whisperOutbox.enqueue(conversationId, body);
  }

  retryWhisper(clientId: string): void {
    this.whisperOutbox.retry(clientId);
  }

  /** Whether this page has a pane for the chat. */
  holds(conversationId: string): boolean {
    return this.chats.has(conversationId);
  }

  /** A risk alert about an observed chat: its header says high risk at once. */
  markHighRisk(conversationId: string): void {
    this.patchView(conversationId, (view) => ({ conversation: { ...view.conversation, risk: 'high' } }));
  }

  override forget(conversationId: string): void {
    this.whisperOutbox.discard(conversationId);
    super.forget(conversationId);
  }

  protected sendMessage(payload: OutgoingPayload): Promise<Ack<ChatMessage>> {
    return request(this.socket, 'supervision:send', payload);
  }

  /**
   * On every (re)connection the server puts this socket back into none of the observed chats' rooms: observing
   * again rejoins them, and the transcript it answers with fills whatever was missed meanwhile (the server answers
   * messages:since to the chat's participants only). Then what waited in the outboxes goes out.
   */
  protected async resync(): Promise<void> {
    const listed = await this.observerHooks.observing().then(
      (ids) => new Set(ids),
      () => undefined,
    );
    const held = [...this.chats.values()].filter((chat) => !chat.ended).map((chat) => chat.view.id);
    const ids = listed ?? new Set(held);
    const answers = await Promise.all([...ids].map(async (id) => ({ id, ack: await request(this.socket, 'supervision:observe', { conversationId: id }) })));
    for (const { id, ack } of answers) {
      if (ack.ok) this.takeIn(ack.data);
      else if (ack.error.code === 'conflict') this.endedWhileAway(id);
    }
    // Not observed any more: the chat ended while we were away (or this moderator left it on another page).
    if (listed) for (const id of held) if (!listed.has(id)) this.endedWhileAway(id);
    this.outbox.flush();
    this.whisperOutbox.flush();
  }

  protected endedView(view: ObservedView, ended: ConversationEnded): ObservedView {
    return { ...view, conversation: { ...view.conversation, status: 'ended', endedAt: ended.endedAt } };
  }

  protected override markEnded(ended: ConversationEnded): void {
    super.markEnded(ended);
    this.whisperOutbox.abandon(ended.conversationId, 'The chat has ended.');
  }

  /** A transcript from supervision:observe: the pane's view, its messages and whispers merged with what was held. */
  private takeIn(transcript: Transcript): void {
    const { conversation } = transcript;
    const id = conversation.id;
    const held = this.chats.get(id);
    const whispers = [...transcript.whispers];
    for (const w of held?.view.whispers ?? []) if (!whispers.some((x) => x.id === w.id)) whispers.push(w);
    const takenOver = conversation.takenOverByName === this.selfName;
    this.upsertChat({ id, conversation, takenOver, whispers, outgoingWhispers: this.whisperOutbox.list(id) });
    // The fresh transcript wins (it carries the flag highlights); live messages newer than it stay.
    const messages = mergeMessages(sortBySeq(transcript.messages), held?.messages ?? []);
    this.patch(id, { messages, ended: undefined });
    for (const m of transcript.messages) this.outbox.settle(m.clientId);
    for (const w of transcript.whispers) this.whisperOutbox.settle(w.clientId);
  }

  private addWhisper(whisper: Whisper): void {
    const chat = this.chats.get(whisper.conversationId);
    if (chat && !chat.view.whispers.some((w) => w.id === whisper.id || w.clientId === whisper.clientId)) {
      this.patchView(whisper.conversationId, (view) => ({ whispers: [...view.whispers, whisper] }));
    }
    this.whisperOutbox.settle(whisper.clientId);
  }

  /** We missed the chat's conversation:ended; the moderator's pane says only that it has ended, not why. */
  private endedWhileAway(conversationId: string): void {
    this.markEnded({ conversationId, endedBy: 'system', reason: 'volunteer_unavailable', endedAt: new Date().toISOString() });
  }

  private showOutgoingWhispers(): void {
    for (const [id, chat] of this.chats) this.chats.set(id, { ...chat, view: { ...chat.view, outgoingWhispers: this.whisperOutbox.list(id) } });
    this.publish();
  }

  private patchView(conversationId: string, change: (view: ObservedView) => Partial<ObservedView>): void {
    const chat = this.chats.get(conversationId);
    if (chat) this.patch(conversationId, { view: { ...chat.view, ...change(chat.view) } });
  }
}
