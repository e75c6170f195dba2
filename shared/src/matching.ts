// Matching and the queue: the survivor's preference choice, transfers, hand-off notes and the volunteers' queue view.
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { LANGUAGES, type Language, type Topic } from './vocabulary.js';

const id = z.string().uuid('must be a UUID');

/**
 * queue:preference — the survivor's choice about their volunteer preference, before or after it is relaxed:
 * `keep: true` keeps waiting for it however long it takes; `keep: false` takes the next available volunteer now.
 */
export const queuePreferenceSchema = z.object({ keep: z.boolean() });
export type QueuePreferenceInput = z.infer<typeof queuePreferenceSchema>;

/**
 * conversation:transfer — the volunteer passes the chat on: to `toVolunteerId`, or (when absent) back to the
 * front of the queue. `note` is private: the next volunteer reads it, the survivor never does.
 */
export const conversationTransferSchema = z.object({
  conversationId: id,
  toVolunteerId: id.optional(),
  note: z
    .string()
    .trim()
    .max(LIMITS.noteMaxChars, `must be at most ${LIMITS.noteMaxChars} characters`)
    .optional(),
});
export type ConversationTransferInput = z.infer<typeof conversationTransferSchema>;

/** transfer:candidates and handoff:get — about one of the caller's conversations. */
export const conversationRefSchema = z.object({ conversationId: id });
export type ConversationRefInput = z.infer<typeof conversationRefSchema>;

/** Why a survivor is back at the front of the queue or with another volunteer: an EndReason such as `transferred`. */
export type HandoffReason = string;

export interface TransferResult {
  /** The conversation that was passed on (now ended for the caller). */
  conversationId: string;
  to: 'queue' | 'volunteer';
  /** Set for a transfer to a volunteer: the survivor's conversation with them. */
  newConversationId?: string;
  volunteerName?: string;
}

/** A volunteer this chat can be transferred to right now (on shift, connected, accepting, free, speaks the language). */
export interface TransferCandidate {
  id: string;
  displayName: string;
  activeConversations: number;
  capacity: number;
  /** Trained for this conversation's topic. */
  topicTrained: boolean;
}

export interface HandoffNote {
  /** The conversation the note was written in. */
  fromConversationId: string;
  authorName?: string;
  body: string;
  createdAt: string;
}

/**
 * What the volunteer who takes over a chat is told (and only they): why it came to them, from whom, and the
 * private notes of the volunteers before them, newest first.
 */
export interface Handoff {
  conversationId: string;
  reason: HandoffReason;
  previousConversationId: string;
  previousVolunteerName?: string;
  notes: HandoffNote[];
}

/** The volunteers' view of the queue: counts and the oldest wait, never anything a survivor wrote or who they are. */
export interface QueueSummary {
  /** Everyone waiting, including those whose place is held while they reconnect. */
  waiting: number;
  /** Waiting survivors whose connection dropped; their place is kept for a while. */
  held: number;
  byUrgency: { urgent: number; normal: number };
  byTopic: Record<Topic, number>;
  byLanguage: Record<Language, number>;
  /** Seconds the longest-waiting survivor has waited; absent when nobody waits. */
  oldestWaitSeconds?: number;
  /** When that survivor started waiting, so a console can count up without asking again. */
  oldestWaitingSince?: string;
  /** Volunteers on shift, connected, accepting; and their free chat slots (cool-downs aside). */
  volunteersOnShift: number;
  freeSlots: number;
  at: string;
}

/** conversation:volunteer_away — the volunteer's connection dropped; they have until `returnsToQueueAt` to come back. */
export interface VolunteerAway {
  conversationId: string;
  since: string;
  /** If the volunteer is not back by then, the survivor goes to the front of the queue. */
  returnsToQueueAt: string;
}

/** conversation:volunteer_back — the volunteer is connected again. */
export interface VolunteerBack {
  conversationId: string;
}

/** GET /api/availability?lang= — whether anyone can take a chat in this language now, asked before the intake. */
export const availabilityQuery = z.object({ lang: z.enum(LANGUAGES).default('en') });

/**
 * Who can answer a survivor in `language` right now, before they give any answer: `volunteersOnShift` counts those
 * on shift, connected and accepting (as `QueueStatus.volunteersOnShift` does); when it is 0, `nextShiftAt` is when
 * the next scheduled shift with a volunteer for the language starts, if one is scheduled. No names, no counts of
 * the queue.
 */
export interface Availability {
  language: Language;
  volunteersOnShift: number;
  nextShiftAt?: string;
  at: string;
}
