// Outgoing messages (chat lines, whispers) until the server acknowledges them: retried with the same clientId, never doubled.
import type { Ack, ApiErrorDetails, ChatMessage } from '@beside/shared';

/** sending: on the wire; waiting: offline, goes out on reconnect; failed: refused, needs a retry by hand. */
export type DeliveryState = 'sending' | 'waiting' | 'failed';

export interface OutgoingMessage {
  clientId: string;
  conversationId: string;
  body: string;
  createdAt: string;
  state: DeliveryState;
  error?: string;
  /** Why the server refused it, when it said so in words the page can choose (e.g. contact details held back). */
  refusal?: ApiErrorDetails;
}

interface OutboxItem extends OutgoingMessage {
  attempt: number;
  /** Retryable failures in a row while online; after MAX_AUTO_RETRIES the person decides. */
  autoRetries: number;
}

const MAX_AUTO_RETRIES = 3;
const AUTO_RETRY_DELAY_MS = 2_000;

/** What goes on the wire; the same payload for message:send, supervision:send and supervision:whisper. */
export interface OutgoingPayload {
  conversationId: string;
  clientId: string;
  body: string;
}

/** `Stored` is what the server answers with: the stored chat message, or the stored whisper. */
export interface OutboxDeps<Stored = ChatMessage> {
  /** Resolves with the server's Ack and never rejects (request() turns a timeout into a retryable error): attempts run fire-and-forget. */
  send(message: OutgoingPayload): Promise<Ack<Stored>>;
  isOnline(): boolean;
  onDelivered(stored: Stored): void;
  onChange(): void;
  newId?: () => string;
}

export class Outbox<Stored = ChatMessage> {
  private readonly items = new Map<string, OutboxItem>();

  constructor(private readonly deps: OutboxDeps<Stored>) {}

  enqueue(conversationId: string, body: string): OutgoingMessage {
    const clientId = (this.deps.newId ?? (() => crypto.randomUUID()))();
    const item: OutboxItem = { clientId, conversationId, body, createdAt: new Date().toISOString(), state: 'waiting', attempt: 0, autoRetries: 0 };
    this.items.set(clientId, item);
    void this.attempt(item);
    return { ...item };
  }

  /** Sends a failed message again, with the clientId it had. */
  retry(clientId: string): void {
    const item = this.items.get(clientId);
    if (!item) return;
    item.autoRetries = 0;
    void this.attempt(item);
  }

  /** After a (re)connection: everything not refused goes out again; the server drops duplicates. */
  flush(): void {
    for (const item of this.items.values()) {
      if (item.state === 'failed') continue;
      item.autoRetries = 0;
      void this.attempt(item);
    }
  }

  /** The connection dropped: acks for what is in flight will not come, so show those as waiting. */
  markOffline(): void {
    let changed = false;
    for (const item of this.items.values()) {
      if (item.state === 'sending') {
        item.state = 'waiting';
        changed = true;
      }
    }
    if (changed) this.deps.onChange();
  }

  /** The server's copy arrived (ack or echo): the message is no longer ours to send. */
  settle(clientId: string): boolean {
    const had = this.items.delete(clientId);
    if (had) this.deps.onChange();
    return had;
  }

  /** The conversation is over: what was not delivered cannot be any more. */
  abandon(conversationId: string, reason: string): void {
    for (const item of this.items.values()) {
      if (item.conversationId === conversationId) {
        item.state = 'failed';
        item.error = reason;
        item.attempt += 1;
      }
    }
    this.deps.onChange();
  }

  /** The chat was closed on this page: what it still held is not sent any more. */
  discard(conversationId: string): void {
    let changed = false;
    for (const [clientId, item] of this.items) {
      if (item.conversationId !== conversationId) continue;
      this.items.delete(clientId);
      changed = true;
    }
    if (changed) this.deps.onChange();
  }

  list(conversationId: string): OutgoingMessage[] {
    const out: OutgoingMessage[] = [];
    for (const item of this.items.values()) {
      if (item.conversationId !== conversationId) continue;
      const { clientId, body, createdAt, state, error, refusal } = item;
      out.push({ clientId, conversationId, body, createdAt, state, ...(error ? { error } : {}), ...(refusal ? { refusal } : {}) });
    }
    return out;
  }

  private async attempt(item: OutboxItem): Promise<void> {
    const attempt = ++item.attempt;
    delete item.error;
    delete item.refusal;
    if (!this.deps.isOnline()) {
      item.state = 'waiting';
      this.deps.onChange();
      return;
    }
    item.state = 'sending';
    this.deps.onChange();
    const ack = await this.deps.send({ conversationId: item.conversationId, clientId: item.clientId, body: item.body });
    // A later attempt (or the echo) has taken over from this one.
    if (this.items.get(item.clientId) !== item || item.attempt !== attempt) return;
    if (ack.ok) {
      this.items.delete(item.clientId);
      this.deps.onDelivered(ack.data);
      this.deps.onChange();
      return;
    }
    if (ack.error.retryable && !this.deps.isOnline()) {
      item.state = 'waiting'; // flush() sends it on reconnect
    } else if (ack.error.retryable && item.autoRetries < MAX_AUTO_RETRIES) {
      // No answer while the socket still looks up: often a connection that died silently.
      item.autoRetries += 1;
      item.state = 'waiting';
      setTimeout(() => {
        if (this.items.get(item.clientId) === item && item.attempt === attempt) void this.attempt(item);
      }, AUTO_RETRY_DELAY_MS * item.autoRetries);
    } else {
      item.state = 'failed';
      item.error = ack.error.message;
      if (ack.error.details) item.refusal = ack.error.details;
    }
    this.deps.onChange();
  }
}
