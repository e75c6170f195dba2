// Drizzle table definitions; they mirror the SQL migrations in server/migrations, which are the source of truth.
import { bigint, bigserial, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  EndedBy,
  FlagOutcome,
  FlagReason,
  FlagSource,
  Language,
  MessageKind,
  ResourceCategory,
  Role,
  SenderRole,
  SlotRole,
  Topic,
  VolunteerGender,
  VolunteerPreference,
  Want,
} from '@beside/shared';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const visitors = pgTable('visitors', {
  id: uuid('id').primaryKey(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  ipHash: text('ip_hash'),
  /** Set by quick exit: from then on the visitor's token opens nothing (the handshake and REST refuse it). */
  exitedAt: ts('exited_at'),
});

export const staff = pgTable('staff', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').$type<Role>().notNull(),
  displayName: text('display_name').notNull(),
  languages: text('languages').$type<Language>().array().notNull(),
  topics: text('topics').$type<Topic>().array().notNull(),
  capacity: integer('capacity').notNull(),
  gender: text('gender').$type<VolunteerGender>().notNull(),
  trainingCompletedAt: ts('training_completed_at'),
  status: text('status').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  // 0003_staff
  totpSecretEnc: text('totp_secret_enc'),
  totpPendingSecretEnc: text('totp_pending_secret_enc'),
  totpEnabledAt: ts('totp_enabled_at'),
  totpLastCounter: bigint('totp_last_counter', { mode: 'number' }),
  invitedBy: uuid('invited_by'),
  // 0009_staff_access
  trainingCourse: text('training_course'),
  trainingRecordedBy: uuid('training_recorded_by'),
  trainingRecordedAt: ts('training_recorded_at'),
});

export const volunteerPresence = pgTable('volunteer_presence', {
  staffId: uuid('staff_id').primaryKey(),
  onShift: boolean('on_shift').notNull(),
  accepting: boolean('accepting').notNull(),
  shiftStartedAt: ts('shift_started_at'),
  idleSince: ts('idle_since'),
  cooldownUntil: ts('cooldown_until'),
  disconnectedAt: ts('disconnected_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const queueEntries = pgTable('queue_entries', {
  id: uuid('id').primaryKey(),
  visitorId: uuid('visitor_id').notNull(),
  topic: text('topic').$type<Topic>().notNull(),
  language: text('language').$type<Language>().notNull(),
  want: text('want').$type<Want>().notNull(),
  preference: text('preference').$type<VolunteerPreference>().notNull(),
  urgent: boolean('urgent').notNull(),
  status: text('status').notNull(),
  queuedAt: ts('queued_at').notNull(),
  priorityAt: ts('priority_at').notNull(),
  preferenceRelaxed: boolean('preference_relaxed').notNull(),
  keepPreference: boolean('keep_preference').notNull(),
  disconnectedAt: ts('disconnected_at'),
  matchedAt: ts('matched_at'),
  conversationId: uuid('conversation_id'),
  // 0004_matching
  previousConversationId: uuid('previous_conversation_id'),
  avoidVolunteerId: uuid('avoid_volunteer_id'),
  requeueReason: text('requeue_reason'),
});

export const conversations = pgTable('conversations', {
  id: uuid('id').primaryKey(),
  visitorId: uuid('visitor_id').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  queueEntryId: uuid('queue_entry_id'),
  topic: text('topic').$type<Topic>().notNull(),
  language: text('language').$type<Language>().notNull(),
  want: text('want').$type<Want>().notNull(),
  urgent: boolean('urgent').notNull(),
  status: text('status').notNull(),
  startedAt: ts('started_at').notNull(),
  endedAt: ts('ended_at'),
  endedBy: text('ended_by').$type<EndedBy>(),
  endReason: text('end_reason'),
  lastSeq: integer('last_seq').notNull(),
  risk: text('risk').notNull(),
  // 0004_matching: the conversation this one continues (transfer or return to the queue)
  previousConversationId: uuid('previous_conversation_id'),
  // 0005_privacy: review state (kept by moderation) and transcript deletion (retention, survivor)
  underReview: boolean('under_review').notNull().default(false),
  reviewClosedAt: ts('review_closed_at'),
  transcriptDeletedAt: ts('transcript_deleted_at'),
  transcriptDeletedBy: text('transcript_deleted_by'),
  // 0006_moderation: a moderator who took the chat over
  takenOverBy: uuid('taken_over_by'),
  takenOverAt: ts('taken_over_at'),
  // 0016_thread: the first conversation of the chain this one continues (itself when it continues none); filled by
  // a trigger on insert
  threadId: uuid('thread_id').notNull(),
});

export const messages = pgTable('messages', {
  id: uuid('id').primaryKey(),
  conversationId: uuid('conversation_id').notNull(),
  seq: integer('seq').notNull(),
  clientId: uuid('client_id').notNull(),
  senderRole: text('sender_role').$type<SenderRole>().notNull(),
  senderId: uuid('sender_id'),
  bodyEnc: text('body_enc').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  // 0008_message_kinds: for 'system' and 'resource' the encrypted body holds JSON (see conversations/messageContent)
  kind: text('kind').notNull().default('text').$type<MessageKind>(),
});

export const setupTokens = pgTable('setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  createdAt: ts('created_at').notNull().defaultNow(),
  usedAt: ts('used_at'),
});

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actorRole: text('actor_role').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  ipHash: text('ip_hash'),
  details: jsonb('details').notNull().$type<Record<string, string | number | boolean | null>>(),
});

// 0005_privacy: the directory of help resources, per language.
export const resources = pgTable('resources', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  language: text('language').$type<Language>().notNull(),
  category: text('category').$type<ResourceCategory>().notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  phone: text('phone'),
  smsNumber: text('sms_number'),
  smsKeyword: text('sms_keyword'),
  url: text('url'),
  chatUrl: text('chat_url'),
  hours: text('hours'),
  sortOrder: integer('sort_order').notNull(),
  active: boolean('active').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

// ---- 0003_staff: invitations, two-factor recovery codes, sessions (refresh-token families), shift schedule

export const recoveryCodes = pgTable('recovery_codes', {
  id: uuid('id').primaryKey(),
  staffId: uuid('staff_id').notNull(),
  codeHash: text('code_hash').notNull().unique(),
  createdAt: ts('created_at').notNull().defaultNow(),
  usedAt: ts('used_at'),
});

export const staffInvites = pgTable('staff_invites', {
  id: uuid('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  email: text('email').notNull(),
  role: text('role').notNull(),
  invitedBy: uuid('invited_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  revokedAt: ts('revoked_at'),
  staffId: uuid('staff_id'),
});

export const passwordResets = pgTable('password_resets', {
  id: uuid('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  staffId: uuid('staff_id').notNull(),
  issuedBy: uuid('issued_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  revokedAt: ts('revoked_at'),
});

export const staffSessions = pgTable('staff_sessions', {
  id: uuid('id').primaryKey(),
  staffId: uuid('staff_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  lastUsedAt: ts('last_used_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
  revokeReason: text('revoke_reason'),
});

export const refreshTokens = pgTable('refresh_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  sessionId: uuid('session_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

export const shiftSlots = pgTable('shift_slots', {
  id: uuid('id').primaryKey(),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** 0019: 'volunteer' (chat shifts) or 'supervisor' (moderators on call). */
  role: text('role').$type<SlotRole>().notNull().default('volunteer'),
});

export const shiftSignups = pgTable(
  'shift_signups',
  {
    slotId: uuid('slot_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.staffId] })],
);

export const breakReminders = pgTable('break_reminders', {
  staffId: uuid('staff_id').primaryKey(),
  shiftStartedAt: ts('shift_started_at').notNull(),
  remindedAt: ts('reminded_at').notNull(),
});

// 0004_matching: private hand-off notes, written in `conversationId` for the next volunteer; never shown to survivors.
export const handoffNotes = pgTable('handoff_notes', {
  id: uuid('id').primaryKey(),
  conversationId: uuid('conversation_id').notNull(),
  authorId: uuid('author_id'),
  bodyEnc: text('body_enc').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// ---- 0006_moderation: flags, bans, help requests, observers, whispers, volunteer warnings

export const flags = pgTable('flags', {
  id: uuid('id').primaryKey(),
  conversationId: uuid('conversation_id').notNull(),
  source: text('source').$type<FlagSource>().notNull(),
  raisedById: uuid('raised_by_id'),
  reason: text('reason').$type<FlagReason>().notNull(),
  severity: integer('severity').notNull(),
  noteEnc: text('note_enc'),
  messageIds: uuid('message_ids').array().notNull(),
  status: text('status').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  firstOpenedAt: ts('first_opened_at'),
  firstOpenedBy: uuid('first_opened_by'),
  decidedAt: ts('decided_at'),
  decidedBy: uuid('decided_by'),
  decision: text('decision').$type<FlagOutcome>(),
  decisionNoteEnc: text('decision_note_enc'),
});

export const bans = pgTable('bans', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  visitorId: uuid('visitor_id'),
  ipHash: text('ip_hash'),
  flagId: uuid('flag_id'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  liftedAt: ts('lifted_at'),
  liftedBy: uuid('lifted_by'),
});

export const helpRequests = pgTable('help_requests', {
  id: uuid('id').primaryKey(),
  conversationId: uuid('conversation_id').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  status: text('status').notNull(),
  answeredBy: uuid('answered_by'),
  answeredAt: ts('answered_at'),
});

export const conversationObservers = pgTable(
  'conversation_observers',
  {
    conversationId: uuid('conversation_id').notNull(),
    moderatorId: uuid('moderator_id').notNull(),
    joinedAt: ts('joined_at').notNull(),
    leftAt: ts('left_at'),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.moderatorId] })],
);

export const whispers = pgTable('whispers', {
  id: uuid('id').primaryKey(),
  conversationId: uuid('conversation_id').notNull(),
  clientId: uuid('client_id').notNull(),
  senderId: uuid('sender_id').notNull(),
  senderRole: text('sender_role').$type<Role>().notNull(),
  bodyEnc: text('body_enc').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const volunteerWarnings = pgTable('volunteer_warnings', {
  id: uuid('id').primaryKey(),
  staffId: uuid('staff_id').notNull(),
  flagId: uuid('flag_id'),
  noteEnc: text('note_enc').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// ---- 0007_console: canned responses, wrap-ups and their private notes, survivor surveys
// (0007 also adds queue_entries.left_at, read only by the dashboard's raw SQL.)

export const cannedResponses = pgTable('canned_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  language: text('language').$type<Language>().notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  tags: text('tags').array().notNull(),
  shortcut: text('shortcut'),
  sortOrder: integer('sort_order').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const wrapUps = pgTable('wrap_ups', {
  conversationId: uuid('conversation_id').primaryKey(),
  volunteerId: uuid('volunteer_id').notNull(),
  topics: text('topics').array().notNull(),
  risk: text('risk').notNull(),
  markedHighRisk: boolean('marked_high_risk').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const wrapUpNotes = pgTable('wrap_up_notes', {
  conversationId: uuid('conversation_id').primaryKey(),
  authorId: uuid('author_id'),
  noteFor: text('note_for').notNull(),
  noteEnc: text('note_enc').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const surveys = pgTable('surveys', {
  conversationId: uuid('conversation_id').primaryKey(),
  feltHeard: integer('felt_heard'),
  reachAgain: text('reach_again'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// ---- 0014_work_signals: no tables or columns; triggers on queue_entries, conversations, visitors and
// volunteer_presence notify the `beside_work` channel (db/workSignals.ts), which Drizzle does not model.

// ---- 0020_alerts: one live alert per conversation thread (or waiting queue entry), acknowledged with a reason
export const alerts = pgTable('alerts', {
  id: uuid('id').primaryKey(),
  threadId: uuid('thread_id'),
  conversationId: uuid('conversation_id'),
  queueEntryId: uuid('queue_entry_id'),
  kinds: text('kinds').array().notNull(),
  crisisKinds: text('crisis_kinds').array().notNull(),
  imminent: boolean('imminent').notNull(),
  status: text('status').notNull(),
  raisedAt: ts('raised_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  acknowledgedBy: uuid('acknowledged_by'),
  acknowledgedAt: ts('acknowledged_at'),
  ackReason: text('ack_reason'),
  closedAt: ts('closed_at'),
  endReason: text('end_reason'),
});

// ---- 0019_supervisor_shifts_and_paging: shift_slots.role (above) and one page per alert (domain/moderation/paging.ts).
export const pages = pgTable('pages', {
  alertId: text('alert_id').primaryKey(),
  kind: text('kind').notNull(),
  raisedAt: ts('raised_at').notNull(),
  dueAt: ts('due_at').notNull(),
  status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed' | 'not_configured' | 'cancelled'>().notNull(),
  attempts: integer('attempts').notNull().default(0),
  claimedUntil: ts('claimed_until'),
  lastHttpStatus: integer('last_http_status'),
  sentAt: ts('sent_at'),
  createdAt: ts('created_at').notNull(),
});
