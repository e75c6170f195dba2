// Socket events of alerts (domain/moderation/alerts.ts): a supervisor acknowledges one; a volunteer marks a chat's risk.
import { requireParticipant } from '../domain/conversations/conversations.js';
import { Conflict, Forbidden } from '../domain/core/errors.js';
import { acknowledgeAlert, alertOfConversation } from '../domain/moderation/alerts.js';
import { markHighRisk } from '../domain/moderation/screening.js';
import { MODERATORS, STAFF, type EventGroup } from './registry.js';

export const alertEvents = {
  'alert:acknowledge': {
    who: MODERATORS,
    async handle(input, caller, ctx) {
      const p = caller.principal;
      if (p.kind !== 'staff') throw new Forbidden('Only supervisors acknowledge alerts.');
      return acknowledgeAlert(ctx, input.alertId, { id: p.userId, role: p.role, ipHash: caller.ipHash }, input.reason);
    },
  },

  'risk:mark': {
    who: STAFF,
    async handle(input, caller, ctx) {
      const p = caller.principal;
      if (p.kind !== 'staff') throw new Forbidden('Only the volunteer of a conversation can mark its risk.');
      const conv = await requireParticipant(ctx.db, p, input.conversationId);
      if (conv.volunteerId !== p.userId) throw new Forbidden('Only the volunteer of a conversation can mark its risk.');
      if (conv.status !== 'active') throw new Conflict('This conversation has ended.');
      await markHighRisk(ctx, conv, [], 'volunteer', { imminent: input.imminent });
      const alert = await alertOfConversation(ctx.db, conv.id);
      if (!alert) throw new Conflict('Could not raise the alert; please try again.');
      return alert;
    },
  },
} satisfies EventGroup;
