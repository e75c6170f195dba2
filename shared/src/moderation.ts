// Moderation and live supervision: flags, the review queue, transcripts, decisions, bans, supervision, audit.
import { z } from 'zod';
import { LIMITS } from './limits.js';
import type { ChatMessage, ConversationEnded } from './models.js';
import type { AlertKind, AlertView, SupervisorReach } from './alerts.js';
import type { Resource } from './privacy.js';
import type { ThreadPartSummary } from './thread.js';
import type { Language, Role, Topic } from './vocabulary.js';

const id = z.string().uuid('must be a UUID');
const optionalText = z
  .string()
  .trim()
  .max(1000, 'must be at most 1000 characters')
  .optional()
  .transform((s) => (s ? s : undefined));

// ---- vocabularies -------------------------------------------------------------------------------------------

/** Why a survivor reports their volunteer (a short list; optional text adds detail). */
export const SURVIVOR_REPORT_REASONS = [
  'asked_for_contact_details',
  'sexual_or_inappropriate',
  'disrespectful_or_judgemental',
  'unsafe_or_threatening',
  'other',
] as const;
export type SurvivorReportReason = (typeof SURVIVOR_REPORT_REASONS)[number];

/** Why a volunteer flags a conversation. */
export const VOLUNTEER_FLAG_REASONS = ['abusive_visitor', 'trolling', 'risk_to_life', 'boundary_problem', 'other'] as const;
export type VolunteerFlagReason = (typeof VOLUNTEER_FLAG_REASONS)[number];

/** What the detector flags on its own (messages from the survivor aimed at the volunteer). */
export const AUTO_FLAG_REASONS = ['abusive_language', 'sexual_content'] as const;
export type AutoFlagReason = (typeof AUTO_FLAG_REASONS)[number];

export type FlagReason = SurvivorReportReason | VolunteerFlagReason | AutoFlagReason;
export const FLAG_SOURCES = ['survivor', 'volunteer', 'auto'] as const;
export type FlagSource = (typeof FLAG_SOURCES)[number];

/** 4 critical, 3 high, 2 medium, 1 low. */
export type FlagSeverity = 1 | 2 | 3 | 4;

/** What a moderator decides … */
export const FLAG_DECISIONS = ['dismiss', 'warn_volunteer', 'suspend_volunteer', 'ban_survivor'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];
/** … and the outcome category the flag then carries (the person who raised it sees this). */
export const FLAG_OUTCOMES = ['dismissed', 'volunteer_warned', 'volunteer_suspended', 'survivor_banned'] as const;
export type FlagOutcome = (typeof FLAG_OUTCOMES)[number];

/** Why a moderator opens a transcript; recorded in the audit log with who, when and which flag. */
export const TRANSCRIPT_PURPOSES = ['review_flag', 'live_supervision', 'risk_follow_up', 'complaint_or_appeal'] as const;
export type TranscriptPurpose = (typeof TRANSCRIPT_PURPOSES)[number];

export const CRISIS_KINDS = ['suicide', 'self_harm', 'immediate_danger'] as const;
export type CrisisKindName = (typeof CRISIS_KINDS)[number];

/** Contact details the detector finds; `request` is asking the other person for theirs ("what's your number?"). */
export const CONTACT_KINDS = ['phone', 'email', 'social_handle', 'link', 'request'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Why the survivor gets a safety:notice; their page words it. */
export const SAFETY_NOTICE_KINDS = ['contact_details'] as const;
export type SafetyNoticeKind = (typeof SAFETY_NOTICE_KINDS)[number];

/** The steps of the risk protocol, in the order the banner shows them; the volunteer console words them. */
export const RISK_STEP_CODES = [
  /** Stay with them, thank them for telling, reply calmly and without hurry. */
  'stay_with_them',
  /** Ask directly whether they are safe now, thinking of ending their life, with a plan or the means. */
  'ask_directly',
  /** In immediate danger: encourage calling the emergency number or a line of the banner, and stay meanwhile. */
  'urge_emergency',
  /** A moderator has been alerted; asking for help brings someone now. */
  'supervisor_alerted',
  /** Promise no secrecy, share no personal contact details: share a resource instead. */
  'no_secrecy',
] as const;
export type RiskStepCode = (typeof RISK_STEP_CODES)[number];

export const BAN_DAYS_DEFAULT = 30;
export const BAN_DAYS_MAX = 365;

// ---- socket payloads ----------------------------------------------------------------------------------------

/** report:send — the survivor reports the volunteer of one of their conversations (live or ended). */
export const reportSendSchema = z.object({
  conversationId: id,
  reason: z.enum(SURVIVOR_REPORT_REASONS),
  text: optionalText,
});
export type ReportSendInput = z.input<typeof reportSendSchema>;

/** flag:raise — the volunteer flags a conversation; with endAndBlock the chat ends and the visitor is held back. */
export const flagRaiseSchema = z.object({
  conversationId: id,
  reason: z.enum(VOLUNTEER_FLAG_REASONS),
  text: optionalText,
  endAndBlock: z.boolean().default(false),
});
export type FlagRaiseInput = z.input<typeof flagRaiseSchema>;

/** help:request, supervision:observe, supervision:leave, supervision:takeover, supervision:end */
export const conversationTargetSchema = z.object({ conversationId: id });
export type ConversationTargetInput = z.infer<typeof conversationTargetSchema>;

/** supervision:whisper (moderator observing, or the conversation's volunteer) and supervision:send (after take-over). */
export const whisperSendSchema = z.object({
  conversationId: id,
  clientId: id,
  body: z
    .string()
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= LIMITS.messageMaxChars, `must be at most ${LIMITS.messageMaxChars} characters`),
});
export type WhisperSendInput = z.infer<typeof whisperSendSchema>;

// ---- REST bodies and queries ----------------------------------------------------------------------------------

/** GET /api/moderation/flags */
export const flagsQuery = z.object({
  status: z.enum(['open', 'closed']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** POST /api/moderation/conversations/:id/transcript */
export const transcriptOpenBody = z.object({
  /** The flag this look is for; required unless the conversation is escalated (high risk, or help was asked). */
  flagId: id.optional(),
  purpose: z.enum(TRANSCRIPT_PURPOSES),
});
export type TranscriptOpenBody = z.infer<typeof transcriptOpenBody>;

/** POST /api/moderation/flags/:id/decision */
export const flagDecisionBody = z.object({
  decision: z.enum(FLAG_DECISIONS),
  note: z.string().trim().min(1, 'is required').max(LIMITS.noteMaxChars),
  /** ban_survivor only; default 30. */
  banDays: z.number().int().min(1).max(BAN_DAYS_MAX).optional(),
});
export type FlagDecisionBody = z.infer<typeof flagDecisionBody>;

/** GET /api/moderation/audit */
export const auditQuery = z.object({
  actorId: id.optional(),
  action: z.string().trim().min(1).max(80).optional(),
  targetId: z.string().trim().min(1).max(80).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  beforeId: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/** GET /api/moderation/bans */
export const bansQuery = z.object({ active: z.enum(['true', 'false']).default('true') });

// ---- what the server sends -----------------------------------------------------------------------------------

/** A flag as the person who raised it sees it: whether it was reviewed and the outcome category. */
export interface MyFlag {
  id: string;
  conversationId: string;
  reason: FlagReason;
  status: 'open' | 'closed';
  createdAt: string;
  reviewedAt?: string;
  outcome?: FlagOutcome;
}

/** Ack of flag:raise. */
export interface FlagRaised {
  flag: MyFlag;
  /** Present when endAndBlock ended the chat. */
  ended?: { conversationId: string; endedAt: string };
  /** True when the visitor is now held back until a moderator decides. */
  blocked: boolean;
}

/** One entry of the review queue: who raised what and why; never message content or the reporter's words. */
export interface FlagQueueItem {
  id: string;
  conversationId: string;
  source: FlagSource;
  reason: FlagReason;
  severity: FlagSeverity;
  status: 'open' | 'closed';
  createdAt: string;
  /** The volunteer's name when a volunteer raised it; survivors are never named. */
  raisedBy: { role: 'survivor' | 'volunteer' | 'system'; name?: string };
  conversation: {
    topic: Topic;
    language: Language;
    status: 'active' | 'ended';
    risk: 'normal' | 'high';
    startedAt: string;
    endedAt?: string;
    volunteerId: string;
    volunteerName: string;
    /** A supervisor who took the chat over (and was talking with the survivor): a report may be about them. */
    takenOverByName?: string;
  };
  /** Whether the reporter added words (shown only in the opened transcript). */
  hasNote: boolean;
  highlightedMessages: number;
  firstOpenedAt?: string;
  firstOpenedByName?: string;
  outcome?: FlagOutcome;
  decidedAt?: string;
  decidedByName?: string;
}

/** A flag inside an opened transcript: with the reporter's words and the decision note. */
export interface FlagDetail extends FlagQueueItem {
  note?: string;
  decisionNote?: string;
}

export interface TranscriptMessage extends ChatMessage {
  /** True when a flag points at this message (or the detector found something in it). */
  highlighted: boolean;
  flagIds: string[];
}

export interface Whisper {
  id: string;
  conversationId: string;
  clientId: string;
  sender: 'volunteer' | 'moderator';
  senderId: string;
  senderName: string;
  body: string;
  createdAt: string;
}

/** Answer of POST /api/moderation/conversations/:id/transcript, and of supervision:observe. */
export interface Transcript {
  conversation: FlagQueueItem['conversation'] & {
    id: string;
    underReview: boolean;
    takenOverByName?: string;
    transcriptDeleted: boolean;
  };
  flags: FlagDetail[];
  messages: TranscriptMessage[];
  whispers: Whisper[];
  openedAt: string;
  purpose: TranscriptPurpose;
  /** Every part of the conversation's thread (transfers, returns to the queue), oldest first; `messages` spans them all. */
  thread: ThreadPartSummary[];
}

/** An emergency or crisis resource shown with the risk banner. */
export type RiskResource = Pick<Resource, 'name' | 'description' | 'phone' | 'smsNumber' | 'smsKeyword' | 'url' | 'chatUrl' | 'hours'>;

/** risk:banner — to the volunteer only: crisis language was detected; follow the protocol. */
export interface RiskBanner {
  conversationId: string;
  kinds: CrisisKindName[];
  /** Imminent risk (the intake's danger answer, crisis words, or the volunteer's mark): end only with a supervisor or a stated reason. */
  imminent: boolean;
  /** Who the alert reached, so the protocol's "supervisor alerted" step says only what is true. */
  reach: SupervisorReach;
  /** A supervisor acknowledged the chat's alert (by name): the step then says so. Kept fresh by `risk:reach`. */
  acknowledgedByName?: string;
  /**
   * What raised the chat's alert (`AlertKind`s), so the console says why truthfully: the intake's danger answer is
   * not "words detected". Empty when the chat has no live alert.
   */
  signs: AlertKind[];
  /** The steps of the risk protocol, in order, as codes: the console words them in the staff member's language. */
  steps: RiskStepCode[];
  /** The emergency and crisis lines in the conversation's language (their names and descriptions are content). */
  resources: RiskResource[];
  raisedAt: string;
}

/** risk:alert — to the moderators on duty: a conversation became high-risk. No message content. */
export interface RiskAlert {
  conversationId: string;
  volunteerId: string;
  volunteerName: string;
  kinds: CrisisKindName[];
  topic: Topic;
  language: Language;
  at: string;
}

/**
 * alert:ended — to the moderators: a chat behind a live alert (high-risk, or a volunteer's help request) ended, so
 * the alert no longer calls for observing. No content.
 */
export type AlertedChatEnded = Pick<ConversationEnded, 'conversationId' | 'endedAt' | 'continues'>;

/** safety:notice — to the survivor only, e.g. after they shared contact details. The survivor's page words it by `kind`. */
export interface SafetyNotice {
  conversationId: string;
  /** The survivor's message that prompted it. */
  messageId: string;
  kind: SafetyNoticeKind;
}

export interface HelpRequestView {
  id: string;
  conversationId: string;
  volunteerId: string;
  volunteerName: string;
  status: 'open' | 'answered';
  createdAt: string;
  topic: Topic;
  language: Language;
  risk: 'normal' | 'high';
  answeredByName?: string;
  answeredAt?: string;
  /** To the volunteer who asked (the `help:request` ack): who the request reached. */
  reach?: SupervisorReach;
}

/** supervision:joined / supervision:left / supervision:takeover — to the volunteer and the moderators. */
export interface SupervisionChange {
  conversationId: string;
  moderatorId: string;
  moderatorName: string;
  at: string;
}

/** flag:closed — to the moderators: drop it from the open queue. */
export interface FlagClosed {
  flagId: string;
  conversationId: string;
  outcome: FlagOutcome;
  decidedByName: string;
  decidedAt: string;
}

/** moderation:warning — to the volunteer who was warned. */
export interface VolunteerWarningView {
  id: string;
  note: string;
  createdAt: string;
}

/** GET /api/moderation/live: what a moderator console needs on (re)connect. */
export interface LiveOverview {
  helpRequests: HelpRequestView[];
  highRisk: RiskAlert[];
  /** Every live alert, one card per conversation thread or waiting entry (alerts.ts). */
  alerts: AlertView[];
  openFlags: number;
  /** Conversations this moderator observes now. */
  observing: string[];
}

export interface AuditEntryView {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string;
  actorName?: string;
  action: string;
  targetType?: string;
  targetId?: string;
  /** The staff member's name when the target is a staff account. */
  targetName?: string;
  details: Record<string, string | number | boolean | null>;
}

/** GET /api/moderation/staff: who is who, for the audit log's filters (names, not ids); no e-mail addresses. */
export interface StaffDirectoryEntry {
  id: string;
  displayName: string;
  role: Role;
  status: 'active' | 'suspended' | 'disabled';
}
export interface StaffDirectory {
  staff: StaffDirectoryEntry[];
}

export interface AuditResponse {
  entries: AuditEntryView[];
  /** Pass as beforeId for the next (older) page; absent on the last page. */
  nextBeforeId?: number;
}

export interface BanView {
  id: string;
  kind: 'ban' | 'block';
  /** Which keys it holds (never the values' meaning: the IP is only ever a keyed hash). */
  keyedOn: ('visitor' | 'ip_hash')[];
  flagId?: string;
  createdAt: string;
  expiresAt: string;
  liftedAt?: string;
  createdByName?: string;
}
