// Socket.IO events: zod schemas for every client payload, and the typed event maps both sides use.
import { z } from 'zod';
import {
  alertAcknowledgeSchema,
  handBackSchema,
  type HandBackInput,
  type HandBackResult,
  IMMINENT_END_REASONS,
  riskMarkSchema,
  type AlertAcknowledgeInput,
  type AlertClosed,
  type AlertView,
  type RiskMarkInput,
  type RiskReachUpdate,
} from './alerts.js';
import { LIMITS } from './limits.js';
import { LANGUAGES, TOPICS, VOLUNTEER_PREFERENCES, WANTS } from './vocabulary.js';
import type { AckCallback } from './errors.js';
import type { BreakReminder } from './staff.js';
import { observeSchema, type ObserveInput } from './board.js';
import { threadHistorySchema, type ThreadHistory, type ThreadHistoryInput } from './thread.js';
import {
  conversationRefSchema,
  conversationTransferSchema,
  queuePreferenceSchema,
  type ConversationRefInput,
  type ConversationTransferInput,
  type Handoff,
  type QueuePreferenceInput,
  type QueueSummary,
  type TransferCandidate,
  type TransferResult,
  type VolunteerAway,
  type VolunteerBack,
} from './matching.js';
import {
  conversationTargetSchema,
  flagRaiseSchema,
  reportSendSchema,
  whisperSendSchema,
  type AlertedChatEnded,
  type ConversationTargetInput,
  type FlagClosed,
  type FlagQueueItem,
  type FlagRaiseInput,
  type FlagRaised,
  type HelpRequestView,
  type MyFlag,
  type ReportSendInput,
  type RiskAlert,
  type RiskBanner,
  type SafetyNotice,
  type SupervisionChange,
  type Transcript,
  type VolunteerWarningView,
  type Whisper,
  type WhisperSendInput,
} from './moderation.js';
import { conversationDeleteSchema, resourceShareSchema, type ConversationDeleteInput, type ResourceShareInput, type TranscriptDeleted } from './privacy.js';
import type {
  ChatMessage,
  ConversationEnded,
  ConversationView,
  QueueStatus,
  SessionState,
  TypingSignal,
  VolunteerState,
} from './models.js';

const id = z.string().uuid('must be a UUID');

/** queue:join — the survivor's intake. Nothing in it identifies them. */
export const intakeSchema = z.object({
  inDanger: z.boolean(),
  topic: z.enum(TOPICS),
  language: z.enum(LANGUAGES),
  want: z.enum(WANTS).default('to_be_heard'),
  preference: z.enum(VOLUNTEER_PREFERENCES).default('none'),
});
export type IntakeInput = z.input<typeof intakeSchema>;
export type Intake = z.output<typeof intakeSchema>;

export const emptySchema = z.object({}).strict();

/** shift:set — a volunteer going on or off shift, or changing whether they take new chats. */
export const shiftSetSchema = z.object({
  onShift: z.boolean(),
  accepting: z.boolean().optional(),
  capacity: z.number().int().min(LIMITS.capacityMin).max(LIMITS.capacityMax).optional(),
});
export type ShiftSetInput = z.infer<typeof shiftSetSchema>;

/** message:send */
export const messageSendSchema = z.object({
  conversationId: id,
  clientId: id,
  body: z
    .string()
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= LIMITS.messageMaxChars, `must be at most ${LIMITS.messageMaxChars} characters`),
});
export type MessageSendInput = z.infer<typeof messageSendSchema>;

/** messages:since — what a reconnecting client missed. */
export const messagesSinceSchema = z.object({
  conversationId: id,
  afterSeq: z.number().int().min(0),
});
export type MessagesSinceInput = z.infer<typeof messagesSinceSchema>;

/** typing */
export const typingSchema = z.object({
  conversationId: id,
  typing: z.boolean(),
});
export type TypingInput = z.infer<typeof typingSchema>;

/** conversation:end */
export const conversationEndSchema = z.object({
  conversationId: id,
  /** A volunteer ending a chat marked imminent that no supervisor acknowledged says why (alerts.ts). */
  imminentReason: z.enum(IMMINENT_END_REASONS).optional(),
});
export type ConversationEndInput = z.infer<typeof conversationEndSchema>;

/** Every client event with its schema, so the server can validate by name (`satisfies`: none can be missing). */
export const clientEventSchemas = {
  // moderation and supervision (moderation.ts)
  'report:send': reportSendSchema,
  'flag:raise': flagRaiseSchema,
  'flags:mine': emptySchema,
  'help:request': conversationTargetSchema,
  'supervision:observe': observeSchema,
  'supervision:leave': conversationTargetSchema,
  'supervision:whisper': whisperSendSchema,
  'supervision:takeover': conversationTargetSchema,
  'supervision:send': whisperSendSchema,
  'supervision:end': conversationTargetSchema,
  'session:state': emptySchema,
  'queue:join': intakeSchema,
  'queue:leave': emptySchema,
  'shift:set': shiftSetSchema,
  'message:send': messageSendSchema,
  'messages:since': messagesSinceSchema,
  typing: typingSchema,
  'conversation:end': conversationEndSchema,
  'conversation:delete': conversationDeleteSchema,
  'resource:share': resourceShareSchema,
  // matching (matching.ts)
  'queue:preference': queuePreferenceSchema,
  'queue:summary': emptySchema,
  'conversation:transfer': conversationTransferSchema,
  'transfer:candidates': conversationRefSchema,
  'handoff:get': conversationRefSchema,
  // one thread across hand-offs (thread.ts)
  'thread:history': threadHistorySchema,
  // alerts (alerts.ts)
  'alert:acknowledge': alertAcknowledgeSchema,
  'risk:mark': riskMarkSchema,
  'supervision:hand_back': handBackSchema,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;

export interface ClientToServerEvents {
  // moderation and supervision (moderation.ts; docs/PROTOCOL.md "Moderation and supervision")
  /** Survivor only: report the volunteer of one of their conversations. The volunteer is never told. */
  'report:send': (payload: ReportSendInput, ack: AckCallback<MyFlag>) => void;
  /** Volunteer only: flag a conversation, optionally ending it and holding the visitor back. The survivor is never told. */
  'flag:raise': (payload: FlagRaiseInput, ack: AckCallback<FlagRaised>) => void;
  /** Anyone: the flags and reports I raised, with whether they were reviewed and the outcome. */
  'flags:mine': (payload: Record<string, never>, ack: AckCallback<MyFlag[]>) => void;
  /** Volunteer only: ask the moderators on duty for help with a live conversation. */
  'help:request': (payload: ConversationTargetInput, ack: AckCallback<HelpRequestView>) => void;
  /**
   * Moderator only: join a live conversation as an observer (audited); answers the transcript so far. A chat no sign
   * escalated needs a `reason` (from the live board).
   */
  'supervision:observe': (payload: ObserveInput, ack: AckCallback<Transcript>) => void;
  'supervision:leave': (payload: ConversationTargetInput, ack: AckCallback<null>) => void;
  /** Observing moderator or the conversation's volunteer: a private line between them; never reaches the survivor. */
  'supervision:whisper': (payload: WhisperSendInput, ack: AckCallback<Whisper>) => void;
  /** Observing moderator only: take the chat over from the volunteer. */
  'supervision:takeover': (payload: ConversationTargetInput, ack: AckCallback<SupervisionChange>) => void;
  /** The moderator who took the chat over: a message to the survivor. */
  'supervision:send': (payload: WhisperSendInput, ack: AckCallback<ChatMessage>) => void;
  /** Observing moderator only: end the conversation. */
  'supervision:end': (payload: ConversationTargetInput, ack: AckCallback<ConversationEnded>) => void;
  'session:state': (payload: Record<string, never>, ack: AckCallback<SessionState>) => void;
  'queue:join': (payload: IntakeInput, ack: AckCallback<QueueStatus>) => void;
  'queue:leave': (payload: Record<string, never>, ack: AckCallback<QueueStatus>) => void;
  'shift:set': (payload: ShiftSetInput, ack: AckCallback<VolunteerState>) => void;
  'message:send': (payload: MessageSendInput, ack: AckCallback<ChatMessage>) => void;
  'messages:since': (payload: MessagesSinceInput, ack: AckCallback<ChatMessage[]>) => void;
  typing: (payload: TypingInput, ack?: AckCallback<null>) => void;
  'conversation:end': (payload: ConversationEndInput, ack: AckCallback<ConversationEnded>) => void;
  /** Survivor only: deletes the transcript of one of their ended conversations now (privacy.ts). */
  'conversation:delete': (payload: ConversationDeleteInput, ack: AckCallback<TranscriptDeleted>) => void;
  /** Volunteer only: sends a help resource into the chat as a message (privacy.ts). */
  'resource:share': (payload: ResourceShareInput, ack: AckCallback<ChatMessage>) => void;
  // alerts (alerts.ts; docs/PROTOCOL.md "Alerts")
  /** Moderator only: acknowledge an alert, saying why (audited with their name). */
  'alert:acknowledge': (payload: AlertAcknowledgeInput, ack: AckCallback<AlertView>) => void;
  /** The chat's volunteer: mark it high risk, or imminent (raises the alert; the risk banner and protocol follow). */
  'risk:mark': (payload: RiskMarkInput, ack: AckCallback<AlertView>) => void;
  /** The supervisor who took the chat over: hand it back to its volunteer, or to another, with a note. */
  'supervision:hand_back': (payload: HandBackInput, ack: AckCallback<HandBackResult>) => void;
  /** Survivor only: keep waiting for the volunteer preference, or take the next volunteer now (matching.ts). */
  'queue:preference': (payload: QueuePreferenceInput, ack: AckCallback<QueueStatus>) => void;
  /** Staff only: counts of who is waiting, never content (matching.ts). */
  'queue:summary': (payload: Record<string, never>, ack: AckCallback<QueueSummary>) => void;
  /** Volunteer only: pass a chat to another volunteer or back to the front of the queue, with a private note. */
  'conversation:transfer': (payload: ConversationTransferInput, ack: AckCallback<TransferResult>) => void;
  /** Volunteer only: who this chat could be transferred to right now. */
  'transfer:candidates': (payload: ConversationRefInput, ack: AckCallback<TransferCandidate[]>) => void;
  /** The volunteer of a conversation only: its hand-off (reason, notes), or null when it was not handed on. */
  'handoff:get': (payload: ConversationRefInput, ack: AckCallback<Handoff | null>) => void;
  /** The survivor of a conversation, or its volunteer while it is theirs and active: the thread's parts up to it (thread.ts). */
  'thread:history': (payload: ThreadHistoryInput, ack: AckCallback<ThreadHistory>) => void;
}

export interface ServerToClientEvents {
  // moderation and supervision (moderation.ts)
  /** To the survivor only: a gentle note about their own safety (e.g. after sharing contact details). */
  'safety:notice': (notice: SafetyNotice) => void;
  /** To the volunteer only: crisis language was detected; the protocol and emergency resources. */
  'risk:banner': (banner: RiskBanner) => void;
  /** To the chat's volunteer: who its alert reaches now, after a page went out or failed, or a supervisor acknowledged it. */
  'risk:reach': (update: RiskReachUpdate) => void;
  /** To the moderators: a conversation became high-risk. */
  'risk:alert': (alert: RiskAlert) => void;
  /** To the moderators: the chat behind a high-risk or help alert ended. */
  'alert:ended': (ended: AlertedChatEnded) => void;
  /** To the moderators: an alert was raised, or a new sign was added to it (alerts.ts). */
  'alert:raised': (alert: AlertView) => void;
  /** To the moderators: an alert changed without a new sign (acknowledged, matched to a volunteer). */
  'alert:updated': (alert: AlertView) => void;
  /** To the moderators: the thread or waiting entry behind an alert is over. */
  'alert:closed': (closed: AlertClosed) => void;
  /** To the moderators: a new flag is in the review queue (no content). */
  'flag:new': (flag: FlagQueueItem) => void;
  /** To the moderators: a flag was decided. */
  'flag:closed': (closed: FlagClosed) => void;
  /** To whoever raised the flag: it was reviewed, with the outcome category. */
  'flag:reviewed': (flag: MyFlag) => void;
  /** To the moderators: a volunteer asked for help. */
  'help:requested': (request: HelpRequestView) => void;
  /** To the moderators and the volunteer: a moderator answered a help request. */
  'help:answered': (request: HelpRequestView) => void;
  /** To the volunteer and the moderators (never the survivor, who gets a system line instead). */
  'supervision:joined': (change: SupervisionChange) => void;
  'supervision:left': (change: SupervisionChange) => void;
  'supervision:takeover': (change: SupervisionChange) => void;
  /** To the volunteer and the observing moderators only. */
  'supervision:whisper': (whisper: Whisper) => void;
  /** To a volunteer a moderator warned after a review. */
  'moderation:warning': (warning: VolunteerWarningView) => void;
  'queue:status': (status: QueueStatus) => void;
  'conversation:started': (conversation: ConversationView) => void;
  'message:new': (message: ChatMessage) => void;
  typing: (signal: TypingSignal) => void;
  'conversation:ended': (ended: ConversationEnded) => void;
  /** The transcript of this conversation was deleted (by the survivor): drop it from view. */
  'conversation:transcript_deleted': (deleted: TranscriptDeleted) => void;
  'volunteer:state': (state: VolunteerState) => void;
  /** Sent before a graceful shutdown or when the server ends a session: reconnect (or, for `revoked`, sign in again). */
  'session:closing': (info: { reason: 'shutdown' | 'revoked' }) => void;
  /** To a volunteer on shift continuously for BREAK_REMINDER_MINUTES, and again after each such stretch (staff.ts). */
  'volunteer:break_reminder': (reminder: BreakReminder) => void;
  // matching (matching.ts)
  /** To all connected staff whenever the queue changes. */
  'queue:summary': (summary: QueueSummary) => void;
  /** To the volunteer who takes over a handed-on chat, never to the survivor. */
  'conversation:handoff': (handoff: Handoff) => void;
  /** To a conversation when its volunteer's last connection dropped (grace period running). */
  'conversation:volunteer_away': (away: VolunteerAway) => void;
  /** To a conversation when its volunteer is connected again within the grace period. */
  'conversation:volunteer_back': (back: VolunteerBack) => void;
}

/** The name of an event a client may send. */
export type ClientEventName = keyof ClientToServerEvents;
/** What a client sends with an event (before the schema's defaults). */
export type EventPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
/** What the server's handler gets for an event: the payload after its schema (defaults applied). */
export type EventInput<E extends ClientEventName> = z.output<(typeof clientEventSchemas)[E]>;
/** The `data` of a successful acknowledgement of an event. */
export type EventResult<E extends ClientEventName> =
  NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends AckCallback<infer T> ? T : never;
