// The supervisors' live board: every waiting survivor and every live chat at a glance, with no message content.
// docs/PROTOCOL.md "Live board".
import { z } from 'zod';
import type { AlertKind, AlertStatus } from './alerts.js';
import type { Language, Topic, Want } from './vocabulary.js';

/** The board's view of a thread's live alert (the card in the alerts panel carries the rest). */
export interface BoardAlert {
  id: string;
  kinds: AlertKind[];
  imminent: boolean;
  status: AlertStatus;
}

/** A survivor waiting in the queue: never the visitor id. */
export interface BoardWaiting {
  queueEntryId: string;
  /** When they joined the queue (or went back to it). */
  queuedAt: string;
  /** Their place among everyone waiting (1 = matched next). */
  position: number;
  urgent: boolean;
  /** The thread they come from was marked high risk (back in the queue after their volunteer dropped). */
  risk: 'normal' | 'high';
  language: Language;
  topic: Topic;
  want: Want;
  /** Back in the queue after a chat (their volunteer did not come back, or passed them on). */
  returning: boolean;
  /** Their page is closed or offline now; the place is held for a while. */
  disconnected: boolean;
  alert?: BoardAlert;
}

/** How a live chat is supervised right now. */
export type BoardSupervision = 'none' | 'observed' | 'taken_over';

/** A live chat: who is with whom, how it is going, never what was said. */
export interface BoardChat {
  conversationId: string;
  /** When the survivor's thread began (before any transfer). */
  startedAt: string;
  urgent: boolean;
  risk: 'normal' | 'high';
  language: Language;
  topic: Topic;
  volunteerId: string;
  volunteerName: string;
  supervision: BoardSupervision;
  /** The supervisors observing it (the one who took it over first, when it is taken over). */
  supervisorNames: string[];
  /** The volunteer asked for help and nobody has answered yet. */
  helpRequested: boolean;
  /** A sign escalated it (high risk, a help request, an open flag): Observe needs no reason. */
  escalated: boolean;
  /** The survivor's last message in the thread. */
  lastSurvivorAt?: string;
  /** The last reply to the survivor (volunteer or supervisor) in the thread. */
  lastReplyAt?: string;
  /** The survivor wrote and has had no reply since (the age is `lastSurvivorAt`). */
  awaitingReply: boolean;
  alert?: BoardAlert;
}

/** GET /api/moderation/board (moderators and admins). */
export interface LiveBoard {
  /** When the server read it (the console counts ages from its own clock, corrected by this). */
  at: string;
  /** Everyone waiting, in the order they will be matched. */
  waiting: BoardWaiting[];
  /** Every live chat, oldest thread first. */
  chats: BoardChat[];
}

/**
 * Why a supervisor observes a chat that no sign has escalated (from the board): the reason is the escalation, and
 * the look is audited with it. Chats already escalated (high risk, help asked, an open flag) need none.
 */
export const OBSERVE_REASONS = [
  /** The survivor has waited a long time for a reply. */
  'awaiting_reply',
  /** A volunteer new to the service, or new to this kind of chat. */
  'new_volunteer',
  /** The chat has run unusually long. */
  'long_chat',
  /** A routine look the supervisor's shift calls for. */
  'spot_check',
] as const;
export type ObserveReason = (typeof OBSERVE_REASONS)[number];

/** supervision:observe */
export const observeSchema = z.object({
  conversationId: z.string().uuid(),
  reason: z.enum(OBSERVE_REASONS).optional(),
});
export type ObserveInput = z.infer<typeof observeSchema>;
