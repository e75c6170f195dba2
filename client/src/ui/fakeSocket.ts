// For unit tests only: a stand-in for the Socket.IO client that records what the page emits and lets the test play the server.
import type { Ack } from '@beside/shared';
import type { BesideSocket } from './socket';

type Listener = (...args: unknown[]) => void;

/** How the fake server answers an event with an ack; undefined leaves it unanswered (request() then times out). */
export type FakeAnswer = (event: string, payload: unknown) => Ack<unknown> | undefined;

export interface Emitted {
  event: string;
  payload: unknown;
}

export class FakeSocket {
  connected = false;
  readonly active = true;
  readonly emitted: Emitted[] = [];
  readonly volatile = { emit: (event: string, payload: unknown) => void this.emitted.push({ event, payload }) };
  private readonly listeners = new Map<string, Listener[]>();

  constructor(public answer: FakeAnswer = () => undefined) {}

  /** What the connection under test gets from its SocketOpener. */
  get socket(): BesideSocket {
    return this as unknown as BesideSocket;
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  timeout(ms: number) {
    return {
      emit: (event: string, payload: unknown, callback: (error: Error | null, response?: unknown) => void) => {
        this.emitted.push({ event, payload });
        const ack = this.connected ? this.answer(event, payload) : undefined;
        // Answers arrive later, as over a network; silence ends in socket.io's timeout error.
        if (ack) queueMicrotask(() => callback(null, ack));
        else setTimeout(() => callback(new Error('operation has timed out')), ms);
      },
    };
  }

  connect(): void {}

  disconnect(): void {
    this.connected = false;
  }

  // --- the test plays the server ---
  serverConnects(): void {
    this.connected = true;
    this.fire('connect');
  }

  serverDrops(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  push(event: string, payload: unknown): void {
    this.fire(event, payload);
  }

  sent(event: string): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}
