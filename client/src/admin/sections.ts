// The admin pages' sections, their paths, and which roles may open each one.
import type { Role } from '@beside/shared';

export const SECTIONS = ['staff', 'invites', 'schedule', 'coverage', 'canned', 'resources', 'security'] as const;
export type Section = (typeof SECTIONS)[number];

const ALLOWED: Record<Section, readonly Role[]> = {
  staff: ['admin'],
  invites: ['admin'],
  schedule: ['volunteer', 'moderator', 'admin'],
  coverage: ['moderator', 'admin'],
  canned: ['admin'],
  resources: ['admin'],
  security: ['volunteer', 'moderator', 'admin'],
};

export function sectionsFor(role: Role): Section[] {
  return SECTIONS.filter((s) => ALLOWED[s].includes(role));
}

/** /admin/<section>; a bare /admin opens the first section the role may see. */
export function sectionFromPath(pathname: string, role: Role): Section {
  const name = pathname.replace(/\/+$/, '').split('/')[2] ?? '';
  const allowed = sectionsFor(role);
  return (allowed as string[]).includes(name) ? (name as Section) : (allowed[0] ?? 'security');
}

export const pathOf = (section: Section) => `/admin/${section}`;
