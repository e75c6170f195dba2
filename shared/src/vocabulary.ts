// The fixed vocabularies of the service: roles, intake topics, languages and wishes.
export const ROLES = ['volunteer', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const TOPICS = [
  'workplace',
  'sexual_assault',
  'partner_family',
  'childhood',
  'supporting_someone',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the survivor wants from this chat. */
export const WANTS = ['to_be_heard', 'information'] as const;
export type Want = (typeof WANTS)[number];

/** An optional wish about the volunteer; honoured when possible, relaxed after a while. */
export const VOLUNTEER_PREFERENCES = ['none', 'woman', 'man', 'nonbinary'] as const;
export type VolunteerPreference = (typeof VOLUNTEER_PREFERENCES)[number];

/** How a volunteer describes themselves for matching preferences (never shown to survivors beyond the name). */
export const VOLUNTEER_GENDERS = ['woman', 'man', 'nonbinary', 'unspecified'] as const;
export type VolunteerGender = (typeof VOLUNTEER_GENDERS)[number];

export const SENDER_ROLES = ['visitor', 'volunteer', 'moderator', 'system'] as const;
export type SenderRole = (typeof SENDER_ROLES)[number];

/** Who ended a conversation, as both sides are told. */
export const ENDED_BY = ['visitor', 'volunteer', 'moderator', 'system'] as const;
export type EndedBy = (typeof ENDED_BY)[number];

export const END_REASONS = [
  'ended_by_visitor',
  'ended_by_volunteer',
  /** Quick exit, and only quick exit: the survivor may not be safe; nobody should follow up. */
  'visitor_left',
  'volunteer_unavailable',
  'ended_by_moderator',
  /** Passed on by the volunteer, to another volunteer or back to the front of the queue (matching). */
  'transferred',
] as const;
export type EndReason = (typeof END_REASONS)[number];
