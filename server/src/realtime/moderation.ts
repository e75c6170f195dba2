// Socket events of moderation: reports and flags from people, and asking for help (supervision.ts has the rest).
import { flagConversation } from '../commands/flagConversation.js';
import { requireParticipant } from '../domain/conversations/conversations.js';
import { recordAudit } from '../domain/core/audit.js';
import { Forbidden } from '../domain/core/errors.js';
import { flagsRaisedBy } from '../domain/moderation/flags.js';
import { reportVolunteer } from '../domain/moderation/reports.js';
import { raiseAlert, supervisorReach } from '../domain/moderation/alerts.js';
import { helpRequestView, requestHelp } from '../domain/moderation/supervision.js';
import { ANYONE, STAFF, VISITOR, type EventGroup } from './registry.js';

export const moderationEvents = {
  'report:send': {
    who: VISITOR,
    async handle(input, caller, ctx) {
      const { principal } = caller;
      if (principal.kind !== 'visitor') throw new Forbidden('Only the survivor of a conversation can report its volunteer.');
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      return reportVolunteer(ctx, principal.visitorId, conv, input);
    },
  },

  'flag:raise': {
    who: STAFF,
    async handle(input, caller, ctx) {
      const { principal } = caller;
      if (principal.kind !== 'staff') throw new Forbidden('Only the volunteer of a conversation can flag it.');
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      return flagConversation(ctx, { id: principal.userId, role: principal.role }, conv, input);
    },
  },

  'flags:mine': {
    who: ANYONE,
    handle: (_input, { principal }, ctx) => flagsRaisedBy(ctx.db, principal.kind === 'visitor' ? principal.visitorId : principal.userId),
  },

  'help:request': {
    who: STAFF,
    async handle(input, caller, ctx) {
      const { principal } = caller;
      if (principal.kind !== 'staff') throw new Forbidden('Only the volunteer of a conversation can ask for help with it.');
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      const { row, created } = await requestHelp(ctx.db, ctx.clock, conv, principal.userId);
      const view = (await helpRequestView(ctx.db, row.id))!;
      if (created) {
        await recordAudit(ctx.db, ctx.clock, {
          actorId: principal.userId,
          actorRole: principal.role,
          action: 'supervision.help_requested',
          targetType: 'conversation',
          targetId: conv.id,
          details: { helpRequestId: row.id },
        });
        ctx.live.emit({ moderators: true }, 'help:requested', view);
        // The same kind of alert as every other sign of danger, on the chat's one card.
        await raiseAlert(ctx, { conversationId: conv.id, kind: 'help_request' });
      }
      // The volunteer is told who the request reached, so their screen promises nothing that is not so.
      return { ...view, reach: await supervisorReach(ctx, conv.id) };
    },
  },
} satisfies EventGroup;
