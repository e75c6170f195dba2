// The shapes the server sends: conversations, messages, queue status, staff profiles.
import type { Resource } from './privacy.js';
import type {
  EndReason,
  EndedBy,
  Language,
  Role,
  SenderRole,
  Topic,
  VolunteerGender,
  VolunteerPreference,
  Want,
} from './vocabulary.js';

/**
 * What a chat message is: `text` someone wrote, a `system` line the service posts (rendered by the client from
 * `system.code`), or a help `resource` a volunteer shared (rendered as a card from `resource`).
 */
export const MESSAGE_KINDS = ['text', 'system', 'resource'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * The system lines the service posts into a conversation. A client renders each from its own dictionary in the
 * reader's language; a new code is added here, given an English fallback on the server, and an entry in every
 * client dictionary (a client unit test refuses a code without one).
 */
export const SYSTEM_LINE_CODES = [
  /** A supervisor joined to support the volunteer (supervision:observe). */
  'supervisor_joined',
  /** A supervisor took the chat over and now writes in place of the volunteer (supervision:takeover). */
  'supervisor_took_over',
  /** The supervisor handed the chat back to its volunteer (supervision:hand_back); params.name: the volunteer. */
  'supervisor_handed_back',
] as const;
export type SystemLineCode = (typeof SYSTEM_LINE_CODES)[number];

/** A system line as a code with its parameters (strings only, e.g. a name), never a sentence. */
export interface SystemLine {
  code: SystemLineCode;
  params?: Record<string, string>;
}

/** A help resource as shared into a chat: the directory entry at the moment it was shared, in its own language. */
export type SharedResource = Pick<
  Resource,
  'slug' | 'language' | 'name' | 'description' | 'phone' | 'smsNumber' | 'smsKeyword' | 'url' | 'chatUrl' | 'hours'
>;

export interface ChatMessage {
  id: string;
  conversationId: string;
  /** 1, 2, 3 … per conversation; a reconnecting client asks for what is after its last one. */
  seq: number;
  /** The id the sender generated; a retry with the same id is stored and delivered once. */
  clientId: string;
  sender: SenderRole;
  /** First name or pseudonym of a staff sender; absent for the visitor and system lines. */
  senderName?: string;
  kind: MessageKind;
  /**
   * What was written, for `text`. For `system` and `resource` it is only an English fallback (a sentence; the
   * resource's name and contact lines without labels) for a client that does not know the code: render
   * `system` or `resource` instead.
   */
  body: string;
  /** Set when `kind` is `system`. A system line stored before codes existed has none: show its `body`. */
  system?: SystemLine;
  /** Set when `kind` is `resource` (sender `volunteer`). */
  resource?: SharedResource;
  createdAt: string;
}

export interface ConversationView {
  id: string;
  status: 'active' | 'ended';
  topic: Topic;
  language: Language;
  want: Want;
  urgent: boolean;
  startedAt: string;
  endedAt?: string;
  endedBy?: EndedBy;
  endReason?: EndReason;
  /** The volunteer's first name or pseudonym, as shown to the survivor. */
  volunteerName: string;
  lastSeq: number;
  /** The first conversation of the chain this one continues (its own id when it continues none); 0016. */
  threadId: string;
  /** Set when this conversation continues another (a transfer, a return to the queue): read thread:history. */
  previousConversationId?: string;
}

export interface QueueStatus {
  state: 'waiting' | 'matched' | 'not_queued';
  /** 1 = next in line. */
  position?: number;
  /** Honest estimate in seconds; absent when nobody is on shift. */
  estimatedWaitSeconds?: number;
  urgent?: boolean;
  /** How many volunteers are on shift right now for this language. */
  volunteersOnShift?: number;
  /** When nobody is on shift: when the next scheduled shift starts, if known. */
  nextShiftAt?: string;
  /** True once a volunteer preference could not be met in time and was relaxed. */
  preferenceRelaxed?: boolean;
  conversationId?: string;
  // Matching: see docs/PROTOCOL.md, "Matching and the queue".
  /** The volunteer preference the survivor gave ('none' when they gave none). */
  preference?: VolunteerPreference;
  /** While a preference is still honoured: when it will be relaxed unless the survivor keeps waiting for it. */
  preferenceRelaxAt?: string;
  /** The survivor chose to keep waiting for their preference (queue:preference { keep: true }). */
  keepingPreference?: boolean;
  /** How many on-shift volunteers for this language fit the preference (only when a preference is given). */
  preferredOnShift?: number;
  /** Set when the survivor was put back at the front of the queue, with why ('volunteer_unavailable', 'transferred'). */
  returnedToFront?: string;
  /** The survivor's connection dropped; their place is kept until this moment. */
  heldUntil?: string;
  /** Back in the queue after a chat: the conversation the next one continues (its thread:history stays readable). */
  continuesConversationId?: string;
}

export interface StaffUser {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  languages: Language[];
  topics: Topic[];
  capacity: number;
  gender: VolunteerGender;
  trained: boolean;
  status: 'active' | 'suspended' | 'disabled';
}

export interface VolunteerState {
  onShift: boolean;
  accepting: boolean;
  capacity: number;
  activeConversations: number;
  shiftStartedAt?: string;
  cooldownUntil?: string;
}

export interface ConversationEnded {
  conversationId: string;
  endedBy: EndedBy;
  reason: EndReason;
  endedAt: string;
  /**
   * Matching: the survivor is not left alone: they are back at the front of the queue ('queue', a queue:status
   * follows) or with another volunteer ('volunteer', a conversation:started follows).
   */
  continues?: 'queue' | 'volunteer';
}

export interface TypingSignal {
  conversationId: string;
  sender: SenderRole;
  typing: boolean;
}

/** What a connecting client learns about itself: where it stands right now. */
export interface SessionState {
  kind: 'visitor' | 'staff';
  queue?: QueueStatus;
  conversations: ConversationView[];
  volunteer?: VolunteerState;
}

export type { EndReason, EndedBy, Language, Role, SenderRole, Topic, VolunteerPreference, Want };
