// Socket events of moderation: reports and flags from people, asking for help, and (via supervisionHandlers) supervision.
import { and, eq } from 'drizzle-orm';
import { conversationTargetSchema, emptySchema, flagRaiseSchema, reportSendSchema, type MyFlag } from '@beside/shared';
import type { AppContext } from '../context.js';
import { conversations } from '../db/schema.js';
import { recordAudit } from '../domain/core/audit.js';
import { requireParticipant } from '../domain/conversations/conversations.js';
import { Forbidden } from '../domain/core/errors.js';
import { flagsRaisedBy } from '../domain/moderation/flags.js';
import { riskBanner } from '../domain/moderation/screening.js';
import { flagConversation, reportVolunteer } from '../domain/moderation/reports.js';
import { helpRequestView, observedBy, requestHelp } from '../domain/moderation/supervision.js';
import { errorFields } from '../logger.js';
import { handleEvent } from './ack.js';
import type { Notifier } from './notifier.js';
import { rooms } from './rooms.js';
import { registerSupervisionHandlers } from './supervision.js';
import type { IoSocket } from './types.js';

/**
 * Every connection gets every moderation event; each one checks who is asking, so that a client sending an event
 * meant for another role gets a clear `forbidden` rather than silence.
 */
export function registerModerationHandlers(socket: IoSocket, ctx: AppContext, notifier: Notifier): void {
  const { principal } = socket.data;

  socket.on(
    'report:send',
    handleEvent('report:send', reportSendSchema, ctx.logger, async (input) => {
      if (principal.kind !== 'visitor') throw new Forbidden('Only the survivor of a conversation can report its volunteer.');
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      return reportVolunteer(ctx, principal.visitorId, conv, input);
    }),
  );

  socket.on(
    'flag:raise',
    handleEvent('flag:raise', flagRaiseSchema, ctx.logger, async (input) => {
      if (principal.kind !== 'staff') throw new Forbidden('Only the volunteer of a conversation can flag it.');
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      return flagConversation(ctx, { id: principal.userId, role: principal.role }, conv, input);
    }),
  );

  socket.on(
    'flags:mine',
    handleEvent('flags:mine', emptySchema, ctx.logger, async (): Promise<MyFlag[]> =>
      flagsRaisedBy(ctx.db, principal.kind === 'visitor' ? principal.visitorId : principal.userId),
    ),
  );

  socket.on(
    'help:request',
    handleEvent('help:request', conversationTargetSchema, ctx.logger, async (input) => {
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
        ctx.live.moderation.emit({ moderators: true }, 'help:requested', view);
      }
      return view;
    }),
  );

  registerSupervisionHandlers(socket, ctx, notifier);
  if (principal.kind === 'staff') {
    void restoreStaffState(socket, ctx, principal.userId, principal.role).catch((err: unknown) =>
      ctx.logger.warn('moderation.restore_failed', errorFields(err)),
    );
  }
}

/**
 * After a (re)connection: a moderator rejoins the rooms of the conversations they observe; a volunteer sees the
 * risk banner again for each of their live high-risk conversations.
 */
async function restoreStaffState(socket: IoSocket, ctx: AppContext, staffId: string, role: string): Promise<void> {
  if (role === 'moderator' || role === 'admin') {
    const observed = await observedBy(ctx.db, staffId);
    if (observed.length) await socket.join(observed.map(rooms.conversation));
  }
  const highRisk = await ctx.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.volunteerId, staffId), eq(conversations.status, 'active'), eq(conversations.risk, 'high')));
  for (const conv of highRisk) {
    socket.emit('risk:banner', await riskBanner(ctx, conv, [], ctx.clock.now().toISOString()));
  }
}
