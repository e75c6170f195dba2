// Socket events of live supervision (commands/supervise.ts): observe, whisper, take over, write, end.
import { endSupervisedChat, handBack, observe, sendAsSupervisor, stopObservingChat, takeOverChat, whisper, type Supervisor } from '../commands/supervise.js';
import { MODERATORS, STAFF, type Caller, type EventGroup } from './registry.js';

const supervisor = (caller: Caller): Supervisor => ({ principal: caller.principal, name: caller.displayName ?? '', ipHash: caller.ipHash });

export const supervisionEvents = {
  'supervision:observe': { who: MODERATORS, handle: (input, caller, ctx) => observe(ctx, supervisor(caller), input.conversationId, input.reason) },
  'supervision:leave': { who: MODERATORS, handle: (input, caller, ctx) => stopObservingChat(ctx, supervisor(caller), input.conversationId) },
  // The conversation's volunteer, or a moderator observing it.
  'supervision:whisper': { who: STAFF, handle: (input, caller, ctx) => whisper(ctx, supervisor(caller), input) },
  'supervision:takeover': { who: MODERATORS, handle: (input, caller, ctx) => takeOverChat(ctx, supervisor(caller), input.conversationId) },
  'supervision:send': { who: MODERATORS, handle: (input, caller, ctx) => sendAsSupervisor(ctx, supervisor(caller), input) },
  'supervision:end': { who: MODERATORS, handle: (input, caller, ctx) => endSupervisedChat(ctx, supervisor(caller), input.conversationId) },
  'supervision:hand_back': { who: MODERATORS, handle: (input, caller, ctx) => handBack(ctx, supervisor(caller), input) },
} satisfies EventGroup;
