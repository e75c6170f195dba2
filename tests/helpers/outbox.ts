// A chat client with an outbox, as the real client has: unacknowledged sends are retried with the same client id
// until acknowledged, and after every reconnect it fetches what it missed after its last sequence number.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { Ack, ChatMessage } from '@beside/shared';
import type { ClientSocket } from './clients.js';

export class OutboxClient {
  readonly socket: ClientSocket;
  /** Messages this side had acknowledged, by client id, in the order they were acked. */
  readonly acked: ChatMessage[] = [];
  /** Every delivery seen (live or fetched), including repeats, to detect duplicates. */
  readonly deliveries: ChatMessage[] = [];
  private pending: { clientId: string; body: string }[] = [];
  private inFlight = new Set<string>();
  private timer: NodeJS.Timeout;

  constructor(
    url: string,
    token: string,
    private readonly conversationId: string,
  ) {
    this.socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    this.socket.on('message:new', (m) => {
      if (m.conversationId === conversationId) this.deliveries.push(m);
    });
    this.socket.on('connect', () => void this.catchUp());
    this.timer = setInterval(() => this.flush(), 200);
  }

  send(body: string): void {
    this.pending.push({ clientId: randomUUID(), body });
    this.flush();
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** The highest seq such that every seq up to it has been seen. */
  lastContiguousSeq(): number {
    const seen = new Set(this.deliveries.map((m) => m.seq));
    let n = 0;
    while (seen.has(n + 1)) n++;
    return n;
  }

  private async catchUp(): Promise<void> {
    const ack = await this.emit('messages:since', { conversationId: this.conversationId, afterSeq: this.lastContiguousSeq() });
    if (ack?.ok) this.deliveries.push(...(ack.data as ChatMessage[]));
    this.flush();
  }

  private flush(): void {
    if (!this.socket.connected) return;
    for (const item of this.pending) {
      if (this.inFlight.has(item.clientId)) continue;
      this.inFlight.add(item.clientId);
      void this.emit('message:send', { conversationId: this.conversationId, clientId: item.clientId, body: item.body }).then(
        (ack) => {
          this.inFlight.delete(item.clientId);
          if (ack?.ok) {
            // As the real client does, the ack is this side's delivery of its own message: the server sends
            // message:new to everyone else in the room, not back to the connection that sent it.
            this.acked.push(ack.data as ChatMessage);
            this.deliveries.push(ack.data as ChatMessage);
            this.pending = this.pending.filter((p) => p.clientId !== item.clientId);
          }
        },
      );
    }
  }

  private emit(event: string, payload: unknown): Promise<Ack<unknown> | undefined> {
    return new Promise((resolve) => {
      (this.socket.timeout(2000).emit as (e: string, p: unknown, cb: (err: unknown, a: Ack<unknown>) => void) => void)(
        event,
        payload,
        (err, ack) => resolve(err ? undefined : ack),
      );
    });
  }

  close(): void {
    clearInterval(this.timer);
    this.socket.close();
  }
}
