// Socket events of live supervision: a moderator observes, whispers with the volunteer, takes over, ends.
import { randomUUID } from 'node:crypto';
import {
  conversationTargetSchema,
  whisperSendSchema,
  type ChatMessage,
  type Language,
  type SupervisionChange,
  type Transcript,
} from '@beside/shared';
import type { AppContext } from '../context.js';
import { recordAudit } from '../domain/core/audit.js';
import { endConversation, type ConversationRow } from '../domain/conversations/conversations.js';
import { Conflict, Forbidden } from '../domain/core/errors.js';
import { screenBeforeSend } from '../domain/moderation/screening.js';
import { appendMessage, toChatMessage } from '../domain/conversations/messages.js';
import {
  appendWhisper,
  escalationOf,
  isObserving,
  observersOf,
  startObserving,
  stopObserving,
  takeOver,
  helpRequestView,
} from '../domain/moderation/supervision.js';
import { conversationRow, loadTranscript } from '../domain/moderation/transcripts.js';
import { handleEvent } from './ack.js';
import type { Notifier } from './notifier.js';
import type { IoSocket } from './types.js';

/** The system lines the survivor (and the volunteer) see; whispers and alerts never reach the survivor. */
const SYSTEM_LINES: Record<'joined' | 'takeover', Record<Language, string>> = {
  joined: {
    en: 'A supervisor is supporting your volunteer in this conversation.',
    es: 'Una persona supervisora está apoyando a quien te acompaña en esta conversación.',
  },
  takeover: {
    en: 'A supervisor is now talking with you, in place of your volunteer.',
    es: 'Ahora te atiende una persona supervisora, en lugar de quien te acompañaba.',
  },
};

export function registerSupervisionHandlers(socket: IoSocket, ctx: AppContext, notifier: Notifier): void {
  const { principal } = socket.data;
  const ipHash = ctx.hashIp(socket.handshake.address);
  const moderator = () => {
    if (principal.kind !== 'staff' || (principal.role !== 'moderator' && principal.role !== 'admin')) {
      throw new Forbidden('Only moderators can supervise conversations.');
    }
    return { id: principal.userId, role: principal.role, name: socket.data.displayName ?? '' };
  };
  const liveConversation = async (id: string): Promise<ConversationRow> => {
    const conv = await conversationRow(ctx.db, id);
    // The same answer for "does not exist" and "not yours to supervise", so ids cannot be probed.
    if (!conv) throw new Forbidden('You cannot supervise this conversation.');
    if (conv.status !== 'active') throw new Conflict('This conversation has ended.');
    return conv;
  };
  const audit = (action: string, conv: ConversationRow, details: Record<string, string | number | boolean | null> = {}) =>
    recordAudit(ctx.db, ctx.clock, {
      actorId: principal.kind === 'staff' ? principal.userId : null,
      actorRole: principal.kind === 'staff' ? principal.role : 'visitor',
      action,
      targetType: 'conversation',
      targetId: conv.id,
      ipHash,
      details,
    });
  const systemLine = async (conv: ConversationRow, which: keyof typeof SYSTEM_LINES): Promise<void> => {
    const body = SYSTEM_LINES[which][conv.language as Language] ?? SYSTEM_LINES[which].en;
    const { row } = await appendMessage(ctx.db, ctx.cipher, ctx.clock, {
      conversationId: conv.id,
      clientId: randomUUID(),
      senderRole: 'system',
      senderId: null,
      body,
    });
    notifier.message(toChatMessage(row, ctx.cipher));
  };
  const change = (conv: ConversationRow, at: Date): SupervisionChange => ({
    conversationId: conv.id,
    moderatorId: principal.kind === 'staff' ? principal.userId : '',
    moderatorName: socket.data.displayName ?? '',
    at: at.toISOString(),
  });

  socket.on(
    'supervision:observe',
    handleEvent('supervision:observe', conversationTargetSchema, ctx.logger, async (input): Promise<Transcript> => {
      const me = moderator();
      const conv = await liveConversation(input.conversationId);
      const e = await escalationOf(ctx.db, conv);
      const { joined, answered } = await startObserving(ctx.db, ctx.clock, conv, me.id);
      // Observing reads the transcript: audited as such, with why this conversation may be read.
      await audit('transcript.opened', conv, {
        flagId: null,
        purpose: 'live_supervision',
        escalation: e.highRisk ? 'high_risk' : e.helpRequested ? 'help_requested' : 'open_flag',
      });
      if (joined) await audit('supervision.observed', conv, { helpRequestId: answered?.id ?? null });
      await ctx.live.moderation.joinConversation(me.id, conv.id);
      if (joined) {
        await systemLine(conv, 'joined');
        ctx.live.moderation.emit({ staff: [conv.volunteerId], moderators: true }, 'supervision:joined', change(conv, ctx.clock.now()));
      }
      if (answered) {
        const view = await helpRequestView(ctx.db, answered.id);
        if (view) ctx.live.moderation.emit({ staff: [conv.volunteerId], moderators: true }, 'help:answered', view);
      }
      return loadTranscript(ctx, (await conversationRow(ctx.db, conv.id))!, 'live_supervision');
    }),
  );

  socket.on(
    'supervision:leave',
    handleEvent('supervision:leave', conversationTargetSchema, ctx.logger, async (input) => {
      const me = moderator();
      const conv = await conversationRow(ctx.db, input.conversationId);
      if (!conv || !(await isObserving(ctx.db, conv.id, me.id))) throw new Forbidden('You are not observing this conversation.');
      if (conv.status === 'active' && conv.takenOverBy === me.id) {
        throw new Conflict('You have taken this chat over: end it, or stay with the survivor.');
      }
      await stopObserving(ctx.db, ctx.clock, conv.id, me.id);
      await ctx.live.moderation.leaveConversation(me.id, conv.id);
      await audit('supervision.left', conv);
      ctx.live.moderation.emit({ staff: [conv.volunteerId], moderators: true }, 'supervision:left', change(conv, ctx.clock.now()));
      return null;
    }),
  );

  socket.on(
    'supervision:whisper',
    handleEvent('supervision:whisper', whisperSendSchema, ctx.logger, async (input) => {
      if (principal.kind !== 'staff') throw new Forbidden('Whispers are between staff only.');
      const conv = await conversationRow(ctx.db, input.conversationId);
      const isVolunteer = !!conv && conv.volunteerId === principal.userId;
      const isObserver = !!conv && !isVolunteer && (await isObserving(ctx.db, conv.id, principal.userId));
      if (!conv || (!isVolunteer && !isObserver)) throw new Forbidden('You are not part of this conversation.');
      if (conv.status !== 'active') throw new Conflict('This conversation has ended.');
      const { whisper, duplicate } = await appendWhisper(ctx.db, ctx.cipher, ctx.clock, {
        conversationId: conv.id,
        clientId: input.clientId,
        senderId: principal.userId,
        senderRole: isVolunteer ? 'volunteer' : principal.role,
        senderName: socket.data.displayName ?? '',
        body: input.body,
      });
      if (!duplicate) {
        await audit('supervision.whisper', conv, { direction: isVolunteer ? 'to_moderators' : 'to_volunteer' });
        // To the volunteer's and the observers' own rooms: never the conversation room, which the survivor is in.
        const to = [conv.volunteerId, ...(await observersOf(ctx.db, conv.id))];
        ctx.live.moderation.emit({ staff: [...new Set(to)] }, 'supervision:whisper', whisper);
      }
      return whisper;
    }),
  );

  socket.on(
    'supervision:takeover',
    handleEvent('supervision:takeover', conversationTargetSchema, ctx.logger, async (input) => {
      const me = moderator();
      const conv = await liveConversation(input.conversationId);
      const { at, already } = await takeOver(ctx.db, ctx.clock, conv, me.id);
      const result = change(conv, at);
      if (!already) {
        await audit('supervision.takeover', conv, { volunteerId: conv.volunteerId });
        await systemLine(conv, 'takeover');
        ctx.live.moderation.emit({ staff: [conv.volunteerId], moderators: true }, 'supervision:takeover', result);
      }
      return result;
    }),
  );

  socket.on(
    'supervision:send',
    handleEvent('supervision:send', whisperSendSchema, ctx.logger, async (input): Promise<ChatMessage> => {
      const me = moderator();
      const conv = await liveConversation(input.conversationId);
      if (conv.takenOverBy !== me.id) throw new Forbidden('Take the chat over before writing to the survivor.');
      await screenBeforeSend(ctx, conv, principal, input.body);
      const { row, duplicate } = await appendMessage(ctx.db, ctx.cipher, ctx.clock, {
        conversationId: conv.id,
        clientId: input.clientId,
        senderRole: 'moderator',
        senderId: me.id,
        body: input.body,
      });
      const message = toChatMessage(row, ctx.cipher, me.name);
      if (!duplicate) notifier.message(message);
      return message;
    }),
  );

  socket.on(
    'supervision:end',
    handleEvent('supervision:end', conversationTargetSchema, ctx.logger, async (input) => {
      const me = moderator();
      const conv = await liveConversation(input.conversationId);
      if (!(await isObserving(ctx.db, conv.id, me.id))) throw new Forbidden('Join the conversation as an observer first.');
      const { ended } = await endConversation(ctx.db, ctx.clock, conv.id, {
        endedBy: 'moderator',
        reason: 'ended_by_moderator',
        cooldownSeconds: ctx.config.timing.chatCooldownSeconds,
        highRiskCooldownSeconds: ctx.config.timing.highRiskCooldownSeconds,
      });
      await audit('supervision.ended', conv);
      await notifier.ended(ended, conv.volunteerId);
      await stopObserving(ctx.db, ctx.clock, conv.id, me.id);
      return ended;
    }),
  );
}
