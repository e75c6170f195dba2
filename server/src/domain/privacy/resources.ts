// The directory of help resources: read by survivors in their language, kept up to date by admins, shared in chats.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Language, Resource, ResourceCreateBody, ResourcePatchBody, SharedResource } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { resources } from '../../db/schema.js';
import type { Clock } from '../core/clock.js';
import { Conflict, Invalid, NotFound } from '../core/errors.js';

type ResourceRow = typeof resources.$inferSelect;

export function toResource(row: ResourceRow): Resource {
  return {
    id: row.id,
    slug: row.slug,
    language: row.language,
    category: row.category,
    name: row.name,
    description: row.description,
    ...(row.phone ? { phone: row.phone } : {}),
    ...(row.smsNumber ? { smsNumber: row.smsNumber } : {}),
    ...(row.smsKeyword ? { smsKeyword: row.smsKeyword } : {}),
    ...(row.url ? { url: row.url } : {}),
    ...(row.chatUrl ? { chatUrl: row.chatUrl } : {}),
    ...(row.hours ? { hours: row.hours } : {}),
    sortOrder: row.sortOrder,
    active: row.active,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What survivors see: the active resources in one language, in the admins' order. */
export async function listActiveResources(db: Db, language: Language): Promise<Resource[]> {
  const rows = await db
    .select()
    .from(resources)
    .where(and(eq(resources.language, language), eq(resources.active, true)))
    .orderBy(asc(resources.sortOrder), asc(resources.name));
  return rows.map(toResource);
}

/** What admins edit: every resource in every language, inactive ones included. */
export async function listAllResources(db: Db): Promise<Resource[]> {
  const rows = await db
    .select()
    .from(resources)
    .orderBy(asc(resources.language), asc(resources.sortOrder), asc(resources.name));
  return rows.map(toResource);
}

/** The resource with this slug in the conversation's language, or in English when it has no translation. */
export async function findResourceForLanguage(db: Db, slug: string, language: Language): Promise<Resource> {
  const rows = await db
    .select()
    .from(resources)
    .where(and(eq(resources.slug, slug), eq(resources.active, true)));
  const row = rows.find((r) => r.language === language) ?? rows.find((r) => r.language === 'en');
  if (!row) throw new NotFound('There is no such resource.');
  return toResource(row);
}

type Parsed<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };
type CreateInput = Parsed<Pick<ResourceCreateBody, 'slug' | 'language' | 'category' | 'name'>> &
  Omit<ResourceCreateBody, 'slug' | 'language' | 'category' | 'name'>;

export async function createResource(db: Db, clock: Clock, actorId: string, input: CreateInput): Promise<Resource> {
  const existing = await db
    .select({ id: resources.id })
    .from(resources)
    .where(and(eq(resources.slug, input.slug), eq(resources.language, input.language)))
    .limit(1);
  if (existing.length > 0) throw new Conflict(`A resource "${input.slug}" already exists in this language.`);
  const [row] = await db
    .insert(resources)
    .values({
      id: randomUUID(),
      slug: input.slug,
      language: input.language,
      category: input.category,
      name: input.name,
      description: input.description ?? '',
      phone: input.phone ?? null,
      smsNumber: input.smsNumber ?? null,
      smsKeyword: input.smsKeyword ?? null,
      url: input.url ?? null,
      chatUrl: input.chatUrl ?? null,
      hours: input.hours ?? null,
      sortOrder: input.sortOrder ?? 0,
      active: input.active ?? true,
      updatedAt: clock.now(),
      updatedBy: actorId,
    })
    .returning();
  return toResource(row!);
}

export async function updateResource(
  db: Db,
  clock: Clock,
  actorId: string,
  id: string,
  patch: ResourcePatchBody,
): Promise<{ resource: Resource; changed: string[] }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(resources).where(eq(resources.id, id)).for('update').limit(1);
    if (!current) throw new NotFound('There is no such resource.');
    const next = { ...current };
    const changed: string[] = [];
    for (const [key, value] of Object.entries(patch) as [keyof ResourcePatchBody, unknown][]) {
      if (value === undefined) continue;
      (next as Record<string, unknown>)[key] = value;
      changed.push(key);
    }
    if (!(next.phone || next.smsNumber || next.url || next.chatUrl)) {
      throw new Invalid('A resource needs a phone number, a number to text, or a link.', 'phone');
    }
    if (next.slug !== current.slug || next.language !== current.language) {
      const clash = await tx
        .select({ id: resources.id })
        .from(resources)
        .where(and(eq(resources.slug, next.slug), eq(resources.language, next.language)))
        .limit(1);
      if (clash.some((r) => r.id !== id)) throw new Conflict(`A resource "${next.slug}" already exists in this language.`);
    }
    const [row] = await tx
      .update(resources)
      .set({
        slug: next.slug,
        language: next.language,
        category: next.category,
        name: next.name,
        description: next.description,
        phone: next.phone,
        smsNumber: next.smsNumber,
        smsKeyword: next.smsKeyword,
        url: next.url,
        chatUrl: next.chatUrl,
        hours: next.hours,
        sortOrder: next.sortOrder,
        active: next.active,
        updatedAt: clock.now(),
        updatedBy: actorId,
      })
      .where(eq(resources.id, id))
      .returning();
    return { resource: toResource(row!), changed };
  });
}

export async function deleteResource(db: Db, id: string): Promise<Resource> {
  const [row] = await db.delete(resources).where(eq(resources.id, id)).returning();
  if (!row) throw new NotFound('There is no such resource.');
  return toResource(row);
}

/** A resource as it is shared into a chat: what the survivor needs to reach it, and the language it is written in. */
export function toSharedResource(r: Resource): SharedResource {
  return {
    slug: r.slug,
    language: r.language,
    name: r.name,
    description: r.description,
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.smsNumber ? { smsNumber: r.smsNumber } : {}),
    ...(r.smsKeyword ? { smsKeyword: r.smsKeyword } : {}),
    ...(r.url ? { url: r.url } : {}),
    ...(r.chatUrl ? { chatUrl: r.chatUrl } : {}),
    ...(r.hours ? { hours: r.hours } : {}),
  };
}
