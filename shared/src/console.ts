// The volunteer console and the dashboard: canned responses, wrap-ups, the survivor's survey, the staff dashboard.
import { z } from 'zod';
import { LIMITS } from './limits.js';
import type { FlagReason } from './moderation.js';
import type { CoverageResponse } from './staff.js';
import { LANGUAGES, TOPICS, type Language, type Topic } from './vocabulary.js';

// ---- canned responses ---------------------------------------------------------------------------------------

export const CANNED = {
  titleMaxChars: 80,
  bodyMaxChars: 1000,
  tagsMax: 8,
  queryMaxChars: 100,
  resultsMax: 50,
} as const;

/** One ready-made reply a volunteer can insert (and edit) before sending; written by admins, per language. */
export interface CannedResponse {
  id: string;
  language: Language;
  title: string;
  body: string;
  tags: string[];
  /** Typed after a slash in the composer (`/glad`) to insert this reply; unique per language. */
  shortcut?: string;
  sortOrder: number;
  updatedAt: string;
}

/** GET /api/canned-responses?q=&lang= (any staff): every word of `q` must appear in the title, body, tags or shortcut. */
export const cannedSearchQuery = z.object({
  q: z.string().trim().max(CANNED.queryMaxChars, `must be at most ${CANNED.queryMaxChars} characters`).default(''),
  lang: z.enum(LANGUAGES).optional(),
});

export interface CannedResponsesResponse {
  responses: CannedResponse[];
}

const cannedTag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}0-9][\p{L}0-9_-]{0,31}$/u, 'must be one word (letters, digits, - or _), at most 32 characters');

const cannedFields = z.object({
  language: z.enum(LANGUAGES),
  title: z.string().trim().min(1, 'is required').max(CANNED.titleMaxChars),
  body: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(CANNED.bodyMaxChars, `must be at most ${CANNED.bodyMaxChars} characters`),
  tags: z
    .array(cannedTag)
    .max(CANNED.tagsMax, `must have at most ${CANNED.tagsMax} tags`)
    .transform((tags) => [...new Set(tags)]),
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'must be lowercase letters, digits or -, at most 24 characters')
    .nullable(),
  sortOrder: z.number().int().min(0).max(100_000),
});

/** POST /api/admin/canned-responses */
export const cannedCreateBody = cannedFields
  .extend({
    tags: cannedFields.shape.tags.default([]),
    shortcut: cannedFields.shape.shortcut.optional(),
    sortOrder: cannedFields.shape.sortOrder.default(0),
  })
  .strict();
export type CannedCreateBody = z.input<typeof cannedCreateBody>;

/** PATCH /api/admin/canned-responses/:id — any subset of the fields; `shortcut: null` removes the shortcut. */
export const cannedPatchBody = cannedFields
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'must change at least one field' });
export type CannedPatchBody = z.input<typeof cannedPatchBody>;

// ---- wrap-up --------------------------------------------------------------------------------------------------

/** The volunteer's own view of how risky the conversation was; `high` makes the conversation high-risk. */
export const WRAP_UP_RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type WrapUpRiskLevel = (typeof WRAP_UP_RISK_LEVELS)[number];

/** Who the private note is for: the next volunteer this survivor talks to (same tab), or the supervisors. */
export const WRAP_UP_NOTE_AUDIENCES = ['next_volunteer', 'supervisor'] as const;
export type WrapUpNoteAudience = (typeof WRAP_UP_NOTE_AUDIENCES)[number];

/** POST /api/conversations/:id/wrap-up (the conversation's volunteer, once, after it ended). */
export const wrapUpBody = z
  .object({
    topics: z
      .array(z.enum(TOPICS))
      .min(1, 'needs at least one topic')
      .max(TOPICS.length)
      .refine((t) => new Set(t).size === t.length, 'must not repeat a topic'),
    risk: z.enum(WRAP_UP_RISK_LEVELS),
    note: z
      .string()
      .trim()
      .max(LIMITS.noteMaxChars, `must be at most ${LIMITS.noteMaxChars} characters`)
      .optional()
      .transform((s) => (s ? s : undefined)),
    noteFor: z.enum(WRAP_UP_NOTE_AUDIENCES).default('supervisor'),
  })
  .strict();
export type WrapUpBody = z.input<typeof wrapUpBody>;

export interface WrapUpView {
  conversationId: string;
  volunteerId: string;
  volunteerName: string;
  topics: Topic[];
  risk: WrapUpRiskLevel;
  hasNote: boolean;
  /** Present when there is a note. */
  noteFor?: WrapUpNoteAudience;
  /** The note itself: only to its author and to a moderator through the audited path. */
  note?: string;
  createdAt: string;
  /** True when this wrap-up turned a normal conversation into a high-risk one (longer cool-down applied). */
  markedHighRisk: boolean;
}

/** GET /api/console/wrap-ups/pending: the caller's ended conversations of the last day with no wrap-up yet. */
export interface PendingWrapUp {
  conversationId: string;
  topic: Topic;
  language: Language;
  startedAt: string;
  endedAt: string;
  endReason?: string;
}
export interface PendingWrapUpsResponse {
  conversations: PendingWrapUp[];
}

/** GET /api/conversations/:id/earlier-notes: notes left for "the next volunteer" in this survivor's earlier chats. */
export interface EarlierNote {
  conversationId: string;
  endedAt?: string;
  authorName: string;
  topics: Topic[];
  risk: WrapUpRiskLevel;
  note: string;
  createdAt: string;
}
export interface EarlierNotesResponse {
  notes: EarlierNote[];
}

/** POST /api/moderation/conversations/:id/wrap-up: same rules and body as opening a transcript; audited. */
export interface ModeratorWrapUpResponse {
  wrapUp: WrapUpView | null;
}

// ---- survivor survey ------------------------------------------------------------------------------------------

export const SURVEY_REACH_AGAIN = ['yes', 'no', 'unsure'] as const;
export type SurveyReachAgain = (typeof SURVEY_REACH_AGAIN)[number];

/**
 * POST /api/conversations/:id/survey (the survivor of the conversation, once, after it ended). Both questions are
 * optional, at least one must be answered; there is deliberately no free text.
 */
export const surveyBody = z
  .object({
    /** "Did you feel heard?" 1 (not at all) to 5 (completely). */
    feltHeard: z.number().int().min(1).max(5).optional(),
    /** "Would you reach out again?" */
    reachAgain: z.enum(SURVEY_REACH_AGAIN).optional(),
  })
  .strict()
  .refine((s) => s.feltHeard !== undefined || s.reachAgain !== undefined, {
    message: 'answer at least one question',
    path: ['feltHeard'],
  });
export type SurveyBody = z.input<typeof surveyBody>;

export interface SurveyAnswer {
  conversationId: string;
  feltHeard?: number;
  reachAgain?: SurveyReachAgain;
}

// ---- dashboard ------------------------------------------------------------------------------------------------

/** One hour of the queue (UTC); the last bucket is the current hour so far. */
export interface QueueHour {
  /** Start of the hour, ISO. */
  hour: string;
  /** Survivors who joined the queue in this hour. */
  joined: number;
  /** Survivors matched with a volunteer in this hour. */
  matched: number;
  /** Survivors who left the queue (or lost their place) in this hour without being matched. */
  abandoned: number;
  /** The most survivors waiting at the same time during this hour. */
  peakWaiting: number;
  /** Survivors waiting at the end of this hour (now, for the current hour). */
  waitingAtEnd: number;
  /** Median and 90th percentile of the waits that ended in a match in this hour, in seconds; null when none. */
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
}

export interface ChatsDay {
  /** UTC date, YYYY-MM-DD. */
  date: string;
  /** Conversations started that day (a transfer's continuation is not a new chat). */
  chats: number;
}

export interface FlagReasonCount {
  reason: FlagReason;
  count: number;
  /** Of which still open. */
  open: number;
}

export interface SurveySummary {
  responses: number;
  /** Mean of "did you feel heard?" (1..5), null without answers. */
  feltHeardAverage: number | null;
  /** Count per answer 1..5 (index 0 is 1). */
  feltHeard: [number, number, number, number, number];
  reachAgain: Record<SurveyReachAgain, number>;
}

/** GET /api/dashboard (moderators and admins). */
export interface DashboardResponse {
  generatedAt: string;
  queue: { from: string; to: string; hours: QueueHour[] };
  chatsPerDay: { from: string; to: string; days: ChatsDay[] };
  /** Coverage gaps for the coming week, from the start of the current hour (as GET /api/schedule/coverage). */
  coverage: CoverageResponse;
  flagsByReason: { from: string; to: string; total: number; reasons: FlagReasonCount[] };
  surveys: { from: string; to: string } & SurveySummary;
  /**
   * Survivors who left before anyone answered them, in the last 24 hours: `inQueue` left the queue (or lost their
   * place) before a match; `inChat` ended a chat in which no volunteer or moderator had written yet (chats whose
   * transcript the survivor deleted are not counted: nothing says whether they were answered).
   */
  leftBeforeAnswer: { from: string; to: string; inQueue: number; inChat: number };
}
