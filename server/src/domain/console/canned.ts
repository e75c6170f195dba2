// Canned responses: ready-made replies admins keep per language, and the volunteers' search over them.
import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { CANNED, type CannedResponse, type Language } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { hasPgCode, PG } from '../../db/errors.js';
import { cannedResponses } from '../../db/schema.js';
import type { Clock } from '../core/clock.js';
import { Conflict, NotFound } from '../core/errors.js';

type CannedRow = typeof cannedResponses.$inferSelect;

export function toCannedResponse(row: CannedRow): CannedResponse {
  return {
    id: row.id,
    language: row.language,
    title: row.title,
    body: row.body,
    tags: row.tags,
    ...(row.shortcut ? { shortcut: row.shortcut } : {}),
    sortOrder: row.sortOrder,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Lower case without accents, so that "estas" finds "estás" and "Culpa" finds "culpa". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// The same folding in SQL (no unaccent extension in PGlite): the accented letters of our languages.
// Upper-case ones too: lower() leaves them alone under the C locale.
const ACCENTED = 'áàâäãéèêëíìîïóòôöõúùûüñçÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇ';
const PLAIN = 'aaaaaeeeeiiiiooooouuuunc'.repeat(2);
const folded = (column: SQL) => sql`translate(lower(${column}), ${ACCENTED}, ${PLAIN})`;

/** LIKE pattern for "contains", with the pattern characters of the input taken literally. */
function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * What volunteers search: every word of `q` must appear in the title, the body, a tag or the shortcut (accents
 * and case ignored). An exact shortcut comes first, then matches in the title, then in tags, then the rest;
 * within each, the admins' order. An empty query lists everything (in one language, or all).
 */
export async function searchCannedResponses(db: Db, q: string, language?: Language): Promise<CannedResponse[]> {
  const words = foldForSearch(q)
    .split(/\s+/)
    .map((w) => w.replace(/^\/+/, ''))
    .filter(Boolean)
    .slice(0, 8);
  const haystack = folded(
    sql`${cannedResponses.title} || ' ' || ${cannedResponses.body} || ' ' || array_to_string(${cannedResponses.tags}, ' ') || ' ' || coalesce(${cannedResponses.shortcut}, '')`,
  );
  const conditions: SQL[] = words.map((w) => sql`${haystack} LIKE ${containsPattern(w)}`);
  if (language) conditions.push(eq(cannedResponses.language, language));
  const phrase = words.join(' ');
  // (No rank without a phrase: a bare constant in ORDER BY would name a column by position.)
  const rank = phrase
    ? [sql`CASE
        WHEN ${cannedResponses.shortcut} = ${phrase} THEN 0
        WHEN ${folded(sql`${cannedResponses.title}`)} LIKE ${containsPattern(phrase)} THEN 1
        WHEN ${folded(sql`array_to_string(${cannedResponses.tags}, ' ')`)} LIKE ${containsPattern(phrase)} THEN 2
        ELSE 3 END`]
    : [];
  const rows = await db
    .select()
    .from(cannedResponses)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(...rank, asc(cannedResponses.language), asc(cannedResponses.sortOrder), asc(cannedResponses.title))
    .limit(CANNED.resultsMax);
  return rows.map(toCannedResponse);
}

/** What admins edit: every canned response in every language. */
export async function listAllCannedResponses(db: Db): Promise<CannedResponse[]> {
  const rows = await db
    .select()
    .from(cannedResponses)
    .orderBy(asc(cannedResponses.language), asc(cannedResponses.sortOrder), asc(cannedResponses.title));
  return rows.map(toCannedResponse);
}

export interface CannedInput {
  language: Language;
  title: string;
  body: string;
  tags: string[];
  shortcut?: string | null;
  sortOrder: number;
}

async function assertShortcutFree(db: Db, language: Language, shortcut: string | null | undefined, exceptId?: string): Promise<void> {
  if (!shortcut) return;
  const clash = await db
    .select({ id: cannedResponses.id })
    .from(cannedResponses)
    .where(
      and(
        eq(cannedResponses.language, language),
        eq(cannedResponses.shortcut, shortcut),
        ...(exceptId ? [ne(cannedResponses.id, exceptId)] : []),
      ),
    )
    .limit(1);
  if (clash.length > 0) throw new Conflict(`The shortcut "/${shortcut}" is already used in this language.`);
}

/** The unique index decides when two admins race for one shortcut. */
async function mapUniqueViolation<T>(work: () => Promise<T>, shortcut: string | null | undefined): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (hasPgCode(err, PG.uniqueViolation)) throw new Conflict(`The shortcut "/${shortcut ?? ''}" is already used in this language.`);
    throw err;
  }
}

export async function createCannedResponse(db: Db, clock: Clock, actorId: string, input: CannedInput): Promise<CannedResponse> {
  await assertShortcutFree(db, input.language, input.shortcut);
  const now = clock.now();
  const [row] = await mapUniqueViolation(
    () =>
      db
        .insert(cannedResponses)
        .values({
          language: input.language,
          title: input.title,
          body: input.body,
          tags: input.tags,
          shortcut: input.shortcut ?? null,
          sortOrder: input.sortOrder,
          createdAt: now,
          updatedAt: now,
          updatedBy: actorId,
        })
        .returning(),
    input.shortcut,
  );
  return toCannedResponse(row!);
}

export async function updateCannedResponse(
  db: Db,
  clock: Clock,
  actorId: string,
  id: string,
  patch: Partial<CannedInput>,
): Promise<{ response: CannedResponse; changed: string[] }> {
  const [current] = await db.select().from(cannedResponses).where(eq(cannedResponses.id, id)).limit(1);
  if (!current) throw new NotFound('There is no such canned response.');
  const changed = Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  const language = patch.language ?? current.language;
  const shortcut = patch.shortcut === undefined ? current.shortcut : patch.shortcut;
  await assertShortcutFree(db, language, shortcut, id);
  const [row] = await mapUniqueViolation(
    () =>
      db
        .update(cannedResponses)
        .set({
          ...(patch.language !== undefined ? { language: patch.language } : {}),
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.body !== undefined ? { body: patch.body } : {}),
          ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
          ...(patch.shortcut !== undefined ? { shortcut: patch.shortcut } : {}),
          ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
          updatedAt: clock.now(),
          updatedBy: actorId,
        })
        .where(eq(cannedResponses.id, id))
        .returning(),
    shortcut,
  );
  if (!row) throw new NotFound('There is no such canned response.');
  return { response: toCannedResponse(row), changed };
}

export async function deleteCannedResponse(db: Db, id: string): Promise<CannedResponse> {
  const [row] = await db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning();
  if (!row) throw new NotFound('There is no such canned response.');
  return toCannedResponse(row);
}
