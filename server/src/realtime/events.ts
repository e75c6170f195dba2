// Every client event of the contract with who may send it and its handler, gathered from the capability files.
import { alertEvents } from './alerts.js';
import { conversationEvents } from './conversations.js';
import { sessionEvents } from './connections.js';
import { matchingEvents } from './matching.js';
import { moderationEvents } from './moderation.js';
import { privacyEvents } from './privacy.js';
import type { EventRegistry } from './registry.js';
import { supervisionEvents } from './supervision.js';
import { threadEvents } from './thread.js';

/** The compiler refuses this object if an event of `ClientToServerEvents` has no definition, or a handler's result
 * is not the contract's ack type. */
export const clientEvents: EventRegistry = {
  ...sessionEvents,
  ...conversationEvents,
  ...matchingEvents,
  ...moderationEvents,
  ...supervisionEvents,
  ...privacyEvents,
  ...threadEvents,
  ...alertEvents,
};
