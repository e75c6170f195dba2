// The shapes the server sends: conversations, messages, queue status, staff profiles.
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
  body: string;
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
