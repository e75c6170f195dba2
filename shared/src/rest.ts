// Zod schemas and types for every REST request body and response.
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { LANGUAGES, TOPICS, VOLUNTEER_GENDERS } from './vocabulary.js';
import type { ChatMessage, StaffUser } from './models.js';

export const emailSchema = z.string().trim().toLowerCase().max(LIMITS.emailMaxChars).email('must be an e-mail address');
export const passwordSchema = z
  .string()
  .min(LIMITS.passwordMinChars, `must be at least ${LIMITS.passwordMinChars} characters`)
  .max(LIMITS.passwordMaxChars);
export const displayNameSchema = z.string().trim().min(1, 'is required').max(LIMITS.displayNameMaxChars);

/** POST /api/auth/login */
export const loginBody = z.object({
  email: z.string().trim().toLowerCase().min(1, 'is required').max(LIMITS.emailMaxChars),
  password: z.string().min(1, 'is required').max(LIMITS.passwordMaxChars),
});

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: StaffUser;
}

/** POST /api/setup: creates the first admin with the one-time link printed at start-up. */
export const setupBody = z.object({
  setupToken: z.string().min(16, 'is required').max(200),
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
});

/** POST /api/visitor/session: no body; answers an anonymous token for this tab. */
export interface VisitorSessionResponse {
  token: string;
  visitorId: string;
  expiresIn: number;
}

/** GET /api/conversations/:id/messages?afterSeq=N */
export const messagesQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export interface MessagesResponse {
  messages: ChatMessage[];
}

export const uuidSchema = z.string().uuid('must be a UUID');

/** Staff profile fields a volunteer sets (used by invites in a later issue and by the demo seed). */
export const staffProfileSchema = z.object({
  displayName: displayNameSchema,
  languages: z.array(z.enum(LANGUAGES)).min(1, 'needs at least one language'),
  topics: z.array(z.enum(TOPICS)),
  capacity: z.number().int().min(LIMITS.capacityMin).max(LIMITS.capacityMax),
  gender: z.enum(VOLUNTEER_GENDERS),
});
export type StaffProfile = z.infer<typeof staffProfileSchema>;

export interface HealthResponse {
  status: 'ok' | 'unavailable';
}
