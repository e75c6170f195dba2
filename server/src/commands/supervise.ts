// Live supervision: a moderator observes an escalated chat, whispers with its volunteer, takes it over, writes, ends it.
import { randomUUID } from 'node:crypto';
import type { ChatMessage, ConversationEnded, HandBackInput, HandBackResult, SupervisionChange, SystemLineCode, ObserveReason, Transcript, Whisper, WhisperSendInput } from '@beside/shared';
import type { AppContext } from '../context.js';
import type { ConversationRow } from '../domain/conversations/conversations.js';
import { appendMessage, toChatMessage } from '../domain/conversations/messages.js';
import { recordAudit } from '../domain/core/audit.js';
import { Conflict, Forbidden } from '../domain/core/errors.js';
import { acknowledgeByObserving } from '../domain/moderation/alerts.js';
import { screenBeforeSend } from '../domain/moderation/screening.js';
import {
  appendWhisper,
  escalationOf,
  helpRequestView,
  isObserving,
  observersOf,
  releaseTakeover,
  startObserving,
  stopObserving,
  takeOver,
} from '../domain/moderation/supervision.js';
import { conversationRow, loadTranscript } from '../domain/moderation/transcripts.js';
import type { Principal } from '../security/tokens.js';
import { endAndAnnounce } from './endConversation.js';
import { transferConversation } from './transferConversation.js';
import { getStaff } from '../domain/staff/accounts.js';
import { announceVolunteerState } from '../domain/matching/presence.js';

/** The staff member acting, as supervision sees them. */
export interface Supervisor {
  principal: Principal;
  name: string;
  ipHash: string | null;
}

function moderatorOf(who: Supervisor): { id: string; role: string } {
  const p = who.principal;
  if (p.kind !== 'staff' || (p.role !== 'moderator' && p.role !== 'admin')) throw new Forbidden('Only moderators can supervise conversations.');
  return { id: p.userId, role: p.role };
}

async function liveConversation(ctx: AppContext, id: string): Promise<ConversationRow> {
  const conv = await conversationRow(ctx.db, id);
  // The same answer for "does not exist" and "not yours to supervise", so ids cannot be probed.
  if (!conv) throw new Forbidden('You cannot supervise this conversation.');
  if (conv.status !== 'active') throw new Conflict('This conversation has ended.');
  return conv;
}

function audit(ctx: AppContext, who: Supervisor, action: string, conv: ConversationRow, details: Record<string, string | number | boolean | null> = {}) {
  const p = who.principal;
  return recordAudit(ctx.db, ctx.clock, {
    actorId: p.kind === 'staff' ? p.userId : null,
    actorRole: p.kind === 'staff' ? p.role : 'visitor',
    action,
    targetType: 'conversation',
    targetId: conv.id,
    ipHash: who.ipHash,
    details,
  });
}

/**
 * Posts a system line the survivor (and the volunteer and observers) see, as a code their pages word in each
 * reader's language; whispers and alerts never reach the survivor.
 */
async function systemLine(ctx: AppContext, conv: ConversationRow, code: SystemLineCode, params?: Record<string, string>): Promise<void> {
  const { row } = await appendMessage(ctx.db, ctx.cipher, ctx.clock, {
    conversationId: conv.id,
    clientId: randomUUID(),
    senderRole: 'system',
    senderId: null,
    kind: 'system',
    system: { code, ...(params ? { params } : {}) },
  });
  ctx.live.emit({ conversation: conv.id }, 'message:new', toChatMessage(row, ctx.cipher));
}

function change(who: Supervisor, conv: ConversationRow, at: Date): SupervisionChange {
  const p = who.principal;
  return { conversationId: conv.id, moderatorId: p.kind === 'staff' ? p.userId : '', moderatorName: who.name, at: at.toISOString() };
}

/** Joins an escalated live chat as an observer (audited as a transcript opening) and answers the transcript so far. */
export async function observe(ctx: AppContext, who: Supervisor, conversationId: string, reason?: ObserveReason): Promise<Transcript> {
  const me = moderatorOf(who);
  const conv = await liveConversation(ctx, conversationId);
  const e = await escalationOf(ctx.db, conv);
  const { joined, answered } = await startObserving(ctx.db, ctx.clock, conv, me.id, reason);
  // Observing reads the transcript: audited as such, with why this conversation may be read (a sign, or the
  // supervisor's reason from the live board).
  const escalation = e.highRisk ? 'high_risk' : e.helpRequested ? 'help_requested' : e.openFlag ? 'open_flag' : reason ? 'live_board' : 'observing';
  await audit(ctx, who, 'transcript.opened', conv, {
    flagId: null,
    purpose: 'live_supervision',
    escalation,
    ...(escalation === 'live_board' ? { reason: reason! } : {}),
  });
  if (joined) await audit(ctx, who, 'supervision.observed', conv, { helpRequestId: answered?.id ?? null });
  // A supervisor looking at the chat acknowledges its open alert, in their name.
  await acknowledgeByObserving(ctx, conv.id, { id: me.id, role: me.role, ipHash: who.ipHash });
  await ctx.live.joinConversation({ staff: [me.id] }, conv.id);
  if (joined) {
    await systemLine(ctx, conv, 'supervisor_joined');
    ctx.live.emit({ staff: [conv.volunteerId], moderators: true }, 'supervision:joined', change(who, conv, ctx.clock.now()));
  }
  if (answered) {
    const view = await helpRequestView(ctx.db, answered.id);
    if (view) ctx.live.emit({ staff: [conv.volunteerId], moderators: true }, 'help:answered', view);
  }
  return loadTranscript(ctx, (await conversationRow(ctx.db, conv.id))!, 'live_supervision');
}

export async function stopObservingChat(ctx: AppContext, who: Supervisor, conversationId: string): Promise<null> {
  const me = moderatorOf(who);
  const conv = await conversationRow(ctx.db, conversationId);
  if (!conv || !(await isObserving(ctx.db, conv.id, me.id))) throw new Forbidden('You are not observing this conversation.');
  if (conv.status === 'active' && conv.takenOverBy === me.id) {
    throw new Conflict('You have taken this chat over: end it, or stay with the survivor.');
  }
  await stopObserving(ctx.db, ctx.clock, conv.id, me.id);
  await ctx.live.leaveConversation({ staff: [me.id] }, conv.id);
  await audit(ctx, who, 'supervision.left', conv);
  ctx.live.emit({ staff: [conv.volunteerId], moderators: true }, 'supervision:left', change(who, conv, ctx.clock.now()));
  return null;
}

/** A private line between the volunteer and the observing moderators; never reaches the survivor. */
export async function whisper(ctx: AppContext, who: Supervisor, input: WhisperSendInput): Promise<Whisper> {
  const p = who.principal;
  if (p.kind !== 'staff') throw new Forbidden('Whispers are between staff only.');
  const conv = await conversationRow(ctx.db, input.conversationId);
  const isVolunteer = !!conv && conv.volunteerId === p.userId;
  const isObserver = !!conv && !isVolunteer && (await isObserving(ctx.db, conv.id, p.userId));
  if (!conv || (!isVolunteer && !isObserver)) throw new Forbidden('You are not part of this conversation.');
  if (conv.status !== 'active') throw new Conflict('This conversation has ended.');
  const { whisper: stored, duplicate } = await appendWhisper(ctx.db, ctx.cipher, ctx.clock, {
    conversationId: conv.id,
    clientId: input.clientId,
    senderId: p.userId,
    senderRole: isVolunteer ? 'volunteer' : p.role,
    senderName: who.name,
    body: input.body,
  });
  if (!duplicate) {
    await audit(ctx, who, 'supervision.whisper', conv, { direction: isVolunteer ? 'to_moderators' : 'to_volunteer' });
    // To the volunteer's and the observers' own rooms: never the conversation room, which the survivor is in.
    const to = [conv.volunteerId, ...(await observersOf(ctx.db, conv.id))];
    ctx.live.emit({ staff: [...new Set(to)] }, 'supervision:whisper', stored);
  }
  return stored;
}

export async function takeOverChat(ctx: AppContext, who: Supervisor, conversationId: string): Promise<SupervisionChange> {
  const me = moderatorOf(who);
  const conv = await liveConversation(ctx, conversationId);
  const { at, already } = await takeOver(ctx.db, ctx.clock, conv, me.id);
  const result = change(who, conv, at);
  if (!already) {
    await audit(ctx, who, 'supervision.takeover', conv, { volunteerId: conv.volunteerId });
    // Named, so the survivor's heading and lines say who is talking with them now.
    await systemLine(ctx, conv, 'supervisor_took_over', { name: who.name });
    ctx.live.emit({ staff: [conv.volunteerId], moderators: true }, 'supervision:takeover', result);
    // A takeover is a hand-over: the volunteer's slot is free for the next survivor.
    await announceVolunteerState(ctx, conv.volunteerId);
    void ctx.matchmaker.kick();
    void ctx.queue.changed();
  }
  return result;
}

/** The moderator who took the chat over writes to the survivor (screened like a volunteer's message). */
export async function sendAsSupervisor(ctx: AppContext, who: Supervisor, input: WhisperSendInput): Promise<ChatMessage> {
  const me = moderatorOf(who);
  const conv = await liveConversation(ctx, input.conversationId);
  if (conv.takenOverBy !== me.id) throw new Forbidden('Take the chat over before writing to the survivor.');
  await screenBeforeSend(ctx, conv, who.principal, input.body);
  const { row, duplicate } = await appendMessage(ctx.db, ctx.cipher, ctx.clock, {
    conversationId: conv.id,
    clientId: input.clientId,
    senderRole: 'moderator',
    senderId: me.id,
    kind: 'text',
    body: input.body,
  });
  const message = toChatMessage(row, ctx.cipher, who.name);
  if (!duplicate) ctx.live.emit({ conversation: conv.id }, 'message:new', message);
  return message;
}

export async function endSupervisedChat(ctx: AppContext, who: Supervisor, conversationId: string): Promise<ConversationEnded> {
  const me = moderatorOf(who);
  const conv = await liveConversation(ctx, conversationId);
  if (!(await isObserving(ctx.db, conv.id, me.id))) throw new Forbidden('Join the conversation as an observer first.');
  const { ended } = await endAndAnnounce(ctx, conv.id, { endedBy: 'moderator', reason: 'ended_by_moderator' });
  await audit(ctx, who, 'supervision.ended', conv);
  await stopObserving(ctx.db, ctx.clock, conv.id, me.id);
  return ended;
}

/**
 * The supervisor who took a chat over hands it back: to its volunteer (the takeover ends, the note reaches them as a
 * whisper, the survivor is told by name who is with them again) or to another on-shift volunteer (a transfer with
 * the note: one thread, the next volunteer reads all of it). The supervisor stops observing; audited.
 */
export async function handBack(ctx: AppContext, who: Supervisor, input: HandBackInput): Promise<HandBackResult> {
  const me = moderatorOf(who);
  const conv = await liveConversation(ctx, input.conversationId);
  if (conv.takenOverBy !== me.id) throw new Forbidden('Only the supervisor who took this chat over can hand it back.');
  if (input.toVolunteerId && input.toVolunteerId !== conv.volunteerId) {
    const moved = await transferConversation(ctx, {
      conversationId: conv.id,
      fromVolunteerId: conv.volunteerId,
      toVolunteerId: input.toVolunteerId,
      note: input.note,
      bySupervisor: true,
    });
    await stopObserving(ctx.db, ctx.clock, conv.id, me.id);
    await audit(ctx, who, 'supervision.handed_back', conv, { toVolunteerId: input.toVolunteerId, to: 'another_volunteer' });
    const volunteer = await getStaff(ctx.db, input.toVolunteerId);
    return { conversationId: moved.newConversationId ?? moved.conversationId, volunteerId: input.toVolunteerId, volunteerName: volunteer?.displayName ?? '' };
  }
  const volunteer = await getStaff(ctx.db, conv.volunteerId);
  if (!(await releaseTakeover(ctx.db, conv.id, me.id))) throw new Conflict('This chat changed meanwhile; look again.');
  // The note, as a whisper from the supervisor: the volunteer reads it now and after a reload; the survivor never.
  const { whisper: note } = await appendWhisper(ctx.db, ctx.cipher, ctx.clock, {
    conversationId: conv.id,
    clientId: randomUUID(),
    senderId: me.id,
    senderRole: who.principal.kind === 'staff' ? who.principal.role : 'moderator',
    senderName: who.name,
    body: input.note,
  });
  ctx.live.emit({ staff: [conv.volunteerId, ...(await observersOf(ctx.db, conv.id))] }, 'supervision:whisper', note);
  await systemLine(ctx, conv, 'supervisor_handed_back', { name: volunteer?.displayName ?? '' });
  await stopObserving(ctx.db, ctx.clock, conv.id, me.id);
  await ctx.live.leaveConversation({ staff: [me.id] }, conv.id);
  await audit(ctx, who, 'supervision.handed_back', conv, { toVolunteerId: conv.volunteerId, to: 'same_volunteer' });
  ctx.live.emit({ staff: [conv.volunteerId], moderators: true }, 'supervision:left', change(who, conv, ctx.clock.now()));
  await announceVolunteerState(ctx, conv.volunteerId);
  void ctx.queue.changed();
  return { conversationId: conv.id, volunteerId: conv.volunteerId, volunteerName: volunteer?.displayName ?? '' };
}
