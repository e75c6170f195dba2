// The typed event registry: each client event names who may send it and its handler, checked against the contract.
import type { EventInput, EventResult, ClientEventName, Role } from '@beside/shared';
import type { AppContext } from '../context.js';
import type { Principal } from '../security/tokens.js';

/** Who sends an event: a survivor, or staff by role. */
export type Sender = 'visitor' | Role;

export const ANYONE: readonly Sender[] = ['visitor', 'volunteer', 'moderator', 'admin'];
export const VISITOR: readonly Sender[] = ['visitor'];
export const STAFF: readonly Sender[] = ['volunteer', 'moderator', 'admin'];
export const MODERATORS: readonly Sender[] = ['moderator', 'admin'];

/** The connection an event came on: its authenticated owner and what handlers may need of it. */
export interface Caller {
  principal: Principal;
  /** Staff only: the first name or pseudonym shown to survivors. */
  displayName?: string;
  /** The connection's id, to leave it out of a broadcast its ack already answers. */
  connectionId: string;
  /** The keyed hash of the connection's address, for audit and bans (never the address). */
  ipHash: string | null;
  /** The keyed hash of the caller's network (IPv4 /24, IPv6 /48). */
  networkHash: string | null;
}

export interface EventDefinition<E extends ClientEventName> {
  /** Who may send it; anyone else is answered `forbidden` before the payload is read. */
  who: readonly Sender[];
  /** Runs on a payload that passed the event's schema; its result is the ack's data. */
  handle(input: EventInput<E>, caller: Caller, ctx: AppContext): Promise<EventResult<E>>;
}

/** Every client event of the contract, each with its definition: the compiler refuses a missing one. */
export type EventRegistry = { [E in ClientEventName]: EventDefinition<E> };

/** One capability's events; `satisfies EventGroup` types each handler against the contract. */
export type EventGroup = Partial<EventRegistry>;

export function senderOf(principal: Principal): Sender {
  return principal.kind === 'visitor' ? 'visitor' : principal.role;
}
