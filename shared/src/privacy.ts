// Survivor privacy and help: deleting a transcript, the resources directory, and the public client settings.
import { z } from 'zod';
import { LANGUAGES, type Language } from './vocabulary.js';

const id = z.string().uuid('must be a UUID');

/** conversation:delete — the survivor deletes the transcript of one of their ended conversations, at once. */
export const conversationDeleteSchema = z.object({ conversationId: id });
export type ConversationDeleteInput = z.infer<typeof conversationDeleteSchema>;

/** Ack of conversation:delete, and the event `conversation:transcript_deleted` to both sides. */
export interface TranscriptDeleted {
  conversationId: string;
  /**
   * Every conversation deleted with it: a chat that was transferred or returned to the queue spans several
   * conversations (linked by `previousConversationId`), and they all go together. Includes `conversationId`.
   */
  conversationIds: string[];
  deletedAt: string;
}

/** GET /api/client-config: public settings the survivor page needs before anything else. */
export interface ClientConfigResponse {
  /** Where quick exit sends the page (with `location.replace`). Always http(s). */
  quickExitUrl: string;
  /** Hours after a chat ends (or its review closes) before its transcript is deleted. */
  retentionHours: number;
}

export const RESOURCE_CATEGORIES = [
  'sexual_assault',
  'crisis',
  'domestic_violence',
  'workplace',
  'emergency',
  'other',
] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

/** One help resource in one language, as survivors and staff see it. */
export interface Resource {
  id: string;
  /** The same slug in each language names the same service. */
  slug: string;
  language: Language;
  category: ResourceCategory;
  name: string;
  description: string;
  phone?: string;
  /** Number to text, and the word to send (e.g. HOME to 741741). */
  smsNumber?: string;
  smsKeyword?: string;
  url?: string;
  chatUrl?: string;
  hours?: string;
  sortOrder: number;
  active: boolean;
  updatedAt: string;
}

/** GET /api/resources?lang=en */
export const resourcesQuery = z.object({ lang: z.enum(LANGUAGES).default('en') });
export interface ResourcesResponse {
  language: Language;
  resources: Resource[];
}

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .url('must be a URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');
const optional = <S extends z.ZodType>(s: S) => s.nullable().optional();

const resourceFields = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, - or _'),
  language: z.enum(LANGUAGES),
  category: z.enum(RESOURCE_CATEGORIES),
  name: z.string().trim().min(1, 'is required').max(120),
  description: z.string().trim().max(500),
  phone: optional(z.string().trim().regex(/^[0-9+()\-. ]{2,32}$/, 'must be a phone number')),
  smsNumber: optional(z.string().trim().regex(/^\+?[0-9]{2,15}$/, 'must be a number to text')),
  smsKeyword: optional(z.string().trim().regex(/^[\p{L}0-9]{1,20}$/u, 'must be one word')),
  url: optional(httpUrl),
  chatUrl: optional(httpUrl),
  hours: optional(z.string().trim().max(80)),
  sortOrder: z.number().int().min(0).max(100_000),
  active: z.boolean(),
});

const hasContact = (r: { phone?: string | null; smsNumber?: string | null; url?: string | null; chatUrl?: string | null }) =>
  Boolean(r.phone || r.smsNumber || r.url || r.chatUrl);

/** POST /api/admin/resources */
export const resourceCreateBody = resourceFields
  .extend({
    description: resourceFields.shape.description.default(''),
    sortOrder: resourceFields.shape.sortOrder.default(0),
    active: resourceFields.shape.active.default(true),
  })
  .refine(hasContact, {
  message: 'needs a phone number, a number to text, or a link',
  path: ['phone'],
});
export type ResourceCreateBody = z.input<typeof resourceCreateBody>;

/** PATCH /api/admin/resources/:id — any subset of the fields (no defaults); null removes an optional one. */
export const resourcePatchBody = resourceFields
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'must change at least one field' });
export type ResourcePatchBody = z.input<typeof resourcePatchBody>;

/** GET /api/admin/resources: every resource in every language, inactive ones too. */
export interface AdminResourcesResponse {
  resources: Resource[];
}

/** resource:share — a volunteer sends a resource into the chat, as a message in the conversation's language. */
export const resourceShareSchema = z.object({
  conversationId: id,
  /** As for message:send: a retry with the same id is stored and delivered once. */
  clientId: id,
  slug: resourceFields.shape.slug,
});
export type ResourceShareInput = z.infer<typeof resourceShareSchema>;
