// Staff accounts, sign-in, two-factor, invitations and the shift schedule: REST bodies, responses and events.
import { z } from 'zod';
import { LIMITS } from './limits.js';
import type { LoginResponse } from './rest.js';
import { displayNameSchema, emailSchema, loginBody, passwordSchema } from './rest.js';
import type { StaffUser } from './models.js';
import { LANGUAGES, ROLES, TOPICS, VOLUNTEER_GENDERS, type Language, type Role } from './vocabulary.js';
import { slotRoleSchema, type SlotRole } from './oncall.js';

/** The refresh cookie (httpOnly, Secure, SameSite=Strict, Path=/api/auth). */
export const REFRESH_COOKIE = 'beside_refresh';
/** Cookie-reading endpoints (refresh, logout) require this header with value `1`: a cross-site form cannot set it. */
export const CSRF_HEADER = 'X-Beside-CSRF';

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app');
/** Recovery codes are shown as `xxxxx-xxxxx`; case, spaces and dashes are ignored when checked. */
export const recoveryCodeSchema = z.string().trim().min(8, 'is not a recovery code').max(40);

/** POST /api/auth/login: the skeleton's body, plus a second factor when the account has one. */
export const signInBody = loginBody
  .extend({ totp: totpCodeSchema.optional(), recoveryCode: recoveryCodeSchema.optional() })
  .refine((b) => !(b.totp && b.recoveryCode), { message: 'send either totp or recoveryCode, not both', path: ['recoveryCode'] });
export type SignInBody = z.infer<typeof signInBody>;

/** The training on record for a staff member: which course, the day it was completed, who recorded it and when. */
export interface TrainingRecord {
  course: string;
  /** YYYY-MM-DD, the day the course was completed. */
  completedOn: string;
  recordedById: string;
  recordedByName?: string;
  recordedAt: string;
}

/** A staff member as an admin (or the person themself) sees the account. */
export interface StaffAccount extends StaffUser {
  twoFactorEnabled: boolean;
  /** True for moderators and admins: they cannot sign in without a second factor. */
  twoFactorRequired: boolean;
  trainingCompletedAt?: string;
  /** Absent for training recorded before courses were (demo accounts, the first admin). */
  training?: TrainingRecord;
  createdAt: string;
}

/** Signed in: an access token in the body; the refresh token travels only in the httpOnly cookie. */
export interface SignedIn extends LoginResponse {
  status: 'signed_in';
  user: StaffAccount;
}
/** The password was right but this account needs its second factor: send the login again with `totp` or `recoveryCode`. */
export interface TwoFactorRequired {
  status: 'two_factor_required';
  methods: ('totp' | 'recovery_code')[];
}
/**
 * The password was right, the role requires two-factor and none is set up yet. The enrollment token is accepted
 * only by POST /api/auth/2fa/setup and /api/auth/2fa/confirm; no other endpoint or socket takes it.
 */
export interface TwoFactorSetupRequired {
  status: 'two_factor_setup_required';
  enrollmentToken: string;
  expiresIn: number;
}
export type SignInResponse = SignedIn | TwoFactorRequired | TwoFactorSetupRequired;

/** POST /api/auth/2fa/setup */
export interface TotpSetup {
  /** Base32, for typing into an app by hand. */
  secret: string;
  /** otpauth://totp/… for a QR code. */
  otpauthUri: string;
}
/** POST /api/auth/2fa/confirm */
export const totpConfirmBody = z.object({ code: totpCodeSchema });
export interface TotpConfirmed {
  /** Shown once; each works once in place of a code. */
  recoveryCodes: string[];
  /** Present when the confirmation finished a sign-in (enrollment token): the session is now open. */
  session?: SignedIn;
}
/** POST /api/auth/2fa/disable (volunteers only: moderators and admins must keep it). */
export const twoFactorDisableBody = z.object({ password: z.string().min(1).max(LIMITS.passwordMaxChars), code: totpCodeSchema });
/** POST /api/auth/2fa/recovery-codes: replaces all recovery codes. */
export const recoveryCodesBody = z.object({ code: totpCodeSchema });
export interface RecoveryCodes {
  recoveryCodes: string[];
}

// ---- invitations

export const INVITE_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];

/** POST /api/staff/invites (admin) */
export const inviteCreateBody = z.object({ email: emailSchema, role: z.enum(ROLES) });
export type InviteCreateBody = z.infer<typeof inviteCreateBody>;

export interface InviteView {
  id: string;
  email: string;
  role: Role;
  status: InviteStatus;
  createdAt: string;
  expiresAt: string;
  invitedBy: string;
}
export interface InviteCreated {
  invite: InviteView;
  /** `<PUBLIC_URL>/invite#<token>`: shown once; the server keeps only a hash of the token. */
  inviteUrl: string;
  token: string;
}
export interface InviteList {
  invites: InviteView[];
}

const inviteToken = z.string().min(16, 'is not a valid invitation').max(200);
/** POST /api/invites/preview: what the accept page shows before the form. */
export const invitePreviewBody = z.object({ token: inviteToken });
export interface InvitePreview {
  email: string;
  role: Role;
  expiresAt: string;
}

/** POST /api/invites/accept: sets the password and the profile shown to survivors. */
export const inviteAcceptBody = z.object({
  token: inviteToken,
  password: passwordSchema,
  displayName: displayNameSchema,
  languages: z.array(z.enum(LANGUAGES)).min(1, 'needs at least one language'),
  topics: z.array(z.enum(TOPICS)).default([]),
  capacity: z.number().int().min(LIMITS.capacityMin).max(LIMITS.capacityMax).default(LIMITS.capacityDefault),
  gender: z.enum(VOLUNTEER_GENDERS).default('unspecified'),
});
export type InviteAcceptBody = z.input<typeof inviteAcceptBody>;

// ---- staff management (admin)

export interface StaffList {
  staff: StaffAccount[];
}

/** PATCH /api/staff/:id */
export const staffUpdateBody = z
  .object({
    role: z.enum(ROLES).optional(),
    displayName: displayNameSchema.optional(),
    languages: z.array(z.enum(LANGUAGES)).min(1, 'needs at least one language').optional(),
    topics: z.array(z.enum(TOPICS)).optional(),
    capacity: z.number().int().min(LIMITS.capacityMin).max(LIMITS.capacityMax).optional(),
    gender: z.enum(VOLUNTEER_GENDERS).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type StaffUpdateBody = z.infer<typeof staffUpdateBody>;

export const STAFF_STATUSES = ['active', 'suspended', 'disabled'] as const;
/** POST /api/staff/:id/status */
export const staffStatusBody = z.object({
  status: z.enum(STAFF_STATUSES),
  /** A short reason code or note for the audit log; never chat content. */
  reason: z.string().trim().max(200).optional(),
});
export type StaffStatusBody = z.infer<typeof staffStatusBody>;

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    message: 'is not a real date',
  });

/**
 * PUT /api/staff/:id/training: recording training names the course and the day it was completed (never in the
 * future); clearing it needs nothing else. The admin who records it is the one signed in.
 */
export const trainingBody = z.discriminatedUnion('trained', [
  z.object({
    trained: z.literal(true),
    course: z.string().trim().min(1, 'is required').max(LIMITS.trainingCourseMaxChars),
    completedOn: isoDateSchema,
  }).strict(),
  z.object({ trained: z.literal(false) }).strict(),
]);
export type TrainingBody = z.infer<typeof trainingBody>;

// ---- password reset by an admin-issued link

/** POST /api/staff/:id/password-reset (admin): a one-time link to pass on; only a hash of the token is kept. */
export interface PasswordResetIssued {
  /** `<PUBLIC_URL>/reset#<token>`: shown once. */
  resetUrl: string;
  token: string;
  expiresAt: string;
}

const resetToken = z.string().min(16, 'is not a valid reset link').max(200);
/** POST /api/password-reset/preview: what the reset page shows before the form. */
export const passwordResetPreviewBody = z.object({ token: resetToken });
export interface PasswordResetPreview {
  email: string;
  displayName: string;
  expiresAt: string;
}
/** POST /api/password-reset: sets the new password; the link is then used up and every session of the person ends. */
export const passwordResetBody = z.object({ token: resetToken, password: passwordSchema });
export type PasswordResetBody = z.infer<typeof passwordResetBody>;
export interface PasswordResetDone {
  email: string;
}

export interface StaffStatusChanged {
  account: StaffAccount;
  /** Conversations that were open and went back to the front of the queue. */
  requeuedConversations: number;
}

// ---- shifts: schedule, sign-ups, coverage

const isoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const MAX_SLOT_HOURS = 12;
export const shiftSlotInput = z
  .object({ startsAt: isoInstant, endsAt: isoInstant, role: slotRoleSchema.default('volunteer') })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'must be after startsAt', path: ['endsAt'] })
  .refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= MAX_SLOT_HOURS * 3600_000, {
    message: `a slot is at most ${MAX_SLOT_HOURS} hours`,
    path: ['endsAt'],
  });
/** POST /api/schedule/slots (admin): publishes slots; volunteers see them at once. */
export const publishSlotsBody = z.object({ slots: z.array(shiftSlotInput).min(1).max(200) });
/** What a client sends: a slot without `role` is a volunteer (chat) slot. */
export type PublishSlotsBody = z.input<typeof publishSlotsBody>;

/** GET /api/schedule?from=&days= and GET /api/schedule/coverage?from=&days= */
export const scheduleQuery = z.object({
  from: isoInstant.optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
});

export interface ShiftSignupView {
  staffId: string;
  displayName: string;
  languages: Language[];
}
export interface ShiftSlotView {
  id: string;
  /** `supervisor` slots are on-call hours that only moderators and admins take. */
  role: SlotRole;
  startsAt: string;
  endsAt: string;
  signups: ShiftSignupView[];
  /** Whether the caller is signed up for this slot. */
  signedUp: boolean;
}
export interface ScheduleResponse {
  from: string;
  to: string;
  slots: ShiftSlotView[];
}
export interface PublishedSlots {
  slots: ShiftSlotView[];
}

export interface WeeklyHoursWarning {
  /** Hours the person is signed up for in the slot's week (Monday 00:00 UTC to Monday). */
  weeklyHours: number;
  limit: number;
}
/** POST /api/schedule/slots/:id/signup */
export interface SignupResult {
  slot: ShiftSlotView;
  weeklyHours: number;
  /** Present when the week's total is over WEEKLY_HOURS_WARNING: the sign-up stands, but the person is warned. */
  warning?: WeeklyHoursWarning;
}

export interface CoverageGap {
  startsAt: string;
  endsAt: string;
}
export interface LanguageCoverage {
  language: Language;
  /** Whole hours in the window with no volunteer who speaks the language scheduled. */
  uncoveredHours: number;
  /** The same hours, merged into ranges. */
  gaps: CoverageGap[];
}
export interface CoverageResponse {
  from: string;
  to: string;
  languages: LanguageCoverage[];
  /** Whole hours in the window with no moderator or admin signed up to a supervisor slot. */
  supervisors: { uncoveredHours: number; gaps: CoverageGap[] };
}

/** Server -> volunteer socket event `volunteer:break_reminder`. */
export interface BreakReminder {
  onShiftSince: string;
  minutesOnShift: number;
}
