// Flags: raising one (people and the detector), the review queue's view of them, and closing one with an outcome.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  FlagDetail,
  FlagOutcome,
  FlagQueueItem,
  FlagReason,
  FlagSeverity,
  FlagSource,
  
  MyFlag,
  
} from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { hasPgCode, PG } from '../../db/errors.js';
import { conversations, flags, staff } from '../../db/schema.js';
import type { FieldCipher } from '../../security/cipher.js';
import type { Clock } from '../core/clock.js';
import { Conflict, NotFound } from '../core/errors.js';

export type FlagRow = typeof flags.$inferSelect;

/** 4 critical, 3 high, 2 medium, 1 low. Risk to life first; then abuse and boundary breaches; then the rest. */
const SEVERITY: Record<FlagReason, FlagSeverity> = {
  risk_to_life: 4,
  unsafe_or_threatening: 4,
  abusive_visitor: 3,
  abusive_language: 3,
  sexual_content: 3,
  sexual_or_inappropriate: 3,
  asked_for_contact_details: 3,
  boundary_problem: 2,
  trolling: 2,
  disrespectful_or_judgemental: 2,
  other: 1,
};

export function severityOf(reason: FlagReason): FlagSeverity {
  return SEVERITY[reason];
}

export interface NewFlag {
  conversationId: string;
  source: FlagSource;
  /** Visitor id (survivor) or staff id (volunteer); null for the detector. */
  raisedById: string | null;
  reason: FlagReason;
  note?: string;
  messageIds?: string[];
}

/**
 * Raises a flag and puts the conversation under review (retention keeps it until the review closes). The detector
 * keeps one open flag per conversation and reason, adding messages to it; a person has one open flag per
 * conversation, and raising it again returns that one. `created` says whether a new flag entered the queue.
 */
export async function raiseFlag(db: Db, clock: Clock, cipher: FieldCipher, input: NewFlag): Promise<{ row: FlagRow; created: boolean }> {
  const now = clock.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const same =
          input.source === 'auto'
            ? and(eq(flags.source, 'auto'), eq(flags.reason, input.reason))
            : eq(flags.raisedById, input.raisedById ?? '00000000-0000-0000-0000-000000000000');
        const [existing] = await tx
          .select()
          .from(flags)
          .where(and(eq(flags.conversationId, input.conversationId), eq(flags.status, 'open'), same))
          .limit(1)
          .for('update');
        if (existing) {
          const extra = (input.messageIds ?? []).filter((m) => !existing.messageIds.includes(m));
          if (extra.length === 0) return { row: existing, created: false };
          const [row] = await tx
            .update(flags)
            .set({ messageIds: [...existing.messageIds, ...extra] })
            .where(eq(flags.id, existing.id))
            .returning();
          return { row: row!, created: false };
        }
        const [row] = await tx
          .insert(flags)
          .values({
            id: randomUUID(),
            conversationId: input.conversationId,
            source: input.source,
            raisedById: input.raisedById,
            reason: input.reason,
            severity: severityOf(input.reason),
            noteEnc: input.note ? cipher.encrypt(input.note) : null,
            messageIds: input.messageIds ?? [],
            status: 'open',
            createdAt: now,
          })
          .returning();
        await tx
          .update(conversations)
          .set({ underReview: true, reviewClosedAt: null })
          .where(eq(conversations.id, input.conversationId));
        return { row: row!, created: true };
      });
    } catch (err) {
      // Two raises of the same flag raced on the partial unique index: the other one won; take it.
      if (attempt === 0 && hasPgCode(err, PG.uniqueViolation)) continue;
      throw err;
    }
  }
}

export async function getFlag(db: Db, id: string): Promise<FlagRow> {
  const [row] = await db.select().from(flags).where(eq(flags.id, id)).limit(1);
  if (!row) throw new NotFound('No such flag.');
  return row;
}

export function toMyFlag(row: FlagRow): MyFlag {
  return {
    id: row.id,
    conversationId: row.conversationId,
    reason: row.reason,
    status: row.status as MyFlag['status'],
    createdAt: row.createdAt.toISOString(),
    ...(row.decidedAt ? { reviewedAt: row.decidedAt.toISOString() } : {}),
    ...(row.decision ? { outcome: row.decision } : {}),
  };
}

/** The flags a survivor or staff member raised, newest first: the only flags they can ever see. */
export async function flagsRaisedBy(db: Db, raiserId: string): Promise<MyFlag[]> {
  const rows = await db.select().from(flags).where(eq(flags.raisedById, raiserId)).orderBy(desc(flags.createdAt)).limit(200);
  return rows.map(toMyFlag);
}

// ---- the review queue ----------------------------------------------------------------------------------------

const volunteer = alias(staff, 'flag_volunteer');
const raiser = alias(staff, 'flag_raiser');
const opener = alias(staff, 'flag_opener');
const decider = alias(staff, 'flag_decider');
const supervisor = alias(staff, 'flag_supervisor');

async function selectQueueRows(db: Db, where: SQL | undefined, order: SQL[], limit: number) {
  return db
    .select({
      f: flags,
      c: {
        topic: conversations.topic,
        language: conversations.language,
        status: conversations.status,
        risk: conversations.risk,
        startedAt: conversations.startedAt,
        endedAt: conversations.endedAt,
        volunteerId: conversations.volunteerId,
      },
      volunteerName: volunteer.displayName,
      raiserName: raiser.displayName,
      openerName: opener.displayName,
      deciderName: decider.displayName,
      supervisorName: supervisor.displayName,
    })
    .from(flags)
    .innerJoin(conversations, eq(conversations.id, flags.conversationId))
    .innerJoin(volunteer, eq(volunteer.id, conversations.volunteerId))
    .leftJoin(raiser, and(eq(flags.source, 'volunteer'), eq(raiser.id, flags.raisedById)))
    .leftJoin(opener, eq(opener.id, flags.firstOpenedBy))
    .leftJoin(decider, eq(decider.id, flags.decidedBy))
    .leftJoin(supervisor, eq(supervisor.id, conversations.takenOverBy))
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

type QueueRow = Awaited<ReturnType<typeof selectQueueRows>>[number];

function toQueueItem(r: QueueRow): FlagQueueItem {
  const f = r.f;
  const role = f.source === 'auto' ? 'system' : f.source === 'volunteer' ? 'volunteer' : 'survivor';
  return {
    id: f.id,
    conversationId: f.conversationId,
    source: f.source,
    reason: f.reason,
    severity: f.severity as FlagSeverity,
    status: f.status as FlagQueueItem['status'],
    createdAt: f.createdAt.toISOString(),
    raisedBy: { role, ...(role === 'volunteer' && r.raiserName ? { name: r.raiserName } : {}) },
    conversation: {
      topic: r.c.topic,
      language: r.c.language,
      status: r.c.status as 'active' | 'ended',
      risk: r.c.risk as 'normal' | 'high',
      startedAt: r.c.startedAt.toISOString(),
      ...(r.c.endedAt ? { endedAt: r.c.endedAt.toISOString() } : {}),
      volunteerId: r.c.volunteerId,
      volunteerName: r.volunteerName,
      ...(r.supervisorName ? { takenOverByName: r.supervisorName } : {}),
    },
    hasNote: f.noteEnc !== null,
    highlightedMessages: f.messageIds.length,
    ...(f.firstOpenedAt ? { firstOpenedAt: f.firstOpenedAt.toISOString() } : {}),
    ...(r.openerName ? { firstOpenedByName: r.openerName } : {}),
    ...(f.decision ? { outcome: f.decision } : {}),
    ...(f.decidedAt ? { decidedAt: f.decidedAt.toISOString() } : {}),
    ...(r.deciderName ? { decidedByName: r.deciderName } : {}),
  };
}

/** Open flags most severe first, then oldest first; closed ones most recently decided first. No content. */
export async function listFlags(db: Db, query: { status: 'open' | 'closed'; limit: number }): Promise<FlagQueueItem[]> {
  const order = query.status === 'open' ? [desc(flags.severity), asc(flags.createdAt), asc(flags.id)] : [desc(flags.decidedAt)];
  const rows = await selectQueueRows(db, eq(flags.status, query.status), order, query.limit);
  return rows.map(toQueueItem);
}

export async function flagQueueItem(db: Db, flagId: string): Promise<FlagQueueItem> {
  const [row] = await selectQueueRows(db, eq(flags.id, flagId), [asc(flags.createdAt)], 1);
  if (!row) throw new NotFound('No such flag.');
  return toQueueItem(row);
}

/** Every flag of a conversation with the reporters' words and decision notes: only for an opened transcript. */
export async function flagDetailsOf(db: Db, cipher: FieldCipher, conversationId: string): Promise<FlagDetail[]> {
  const rows = await selectQueueRows(db, eq(flags.conversationId, conversationId), [desc(flags.severity), asc(flags.createdAt)], 200);
  return rows.map((r) => ({
    ...toQueueItem(r),
    ...(r.f.noteEnc ? { note: cipher.decrypt(r.f.noteEnc) } : {}),
    ...(r.f.decisionNoteEnc ? { decisionNote: cipher.decrypt(r.f.decisionNoteEnc) } : {}),
  }));
}

export async function countOpenFlags(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(flags).where(eq(flags.status, 'open'));
  return row?.n ?? 0;
}

export async function conversationHasFlag(db: Db, conversationId: string): Promise<boolean> {
  const rows = await db.select({ id: flags.id }).from(flags).where(eq(flags.conversationId, conversationId)).limit(1);
  return rows.length > 0;
}

/** Records the first time a moderator opened this flag's transcript (the queue shows it as "in review"). */
export async function markFlagOpened(db: Db, clock: Clock, flagId: string, moderatorId: string): Promise<void> {
  await db
    .update(flags)
    .set({ firstOpenedAt: clock.now(), firstOpenedBy: moderatorId })
    .where(and(eq(flags.id, flagId), sql`${flags.firstOpenedAt} IS NULL`));
}

/**
 * Closes an open flag with its outcome and note. When it was the conversation's last open flag, the review is
 * closed: retention may count from now. Throws Conflict if the flag was already decided.
 */
export async function closeFlag(
  db: Db,
  clock: Clock,
  cipher: FieldCipher,
  flagId: string,
  decision: { outcome: FlagOutcome; note: string; decidedBy: string },
): Promise<{ row: FlagRow; reviewClosed: boolean }> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(flags)
      .set({
        status: 'closed',
        decision: decision.outcome,
        decisionNoteEnc: cipher.encrypt(decision.note),
        decidedAt: now,
        decidedBy: decision.decidedBy,
      })
      .where(and(eq(flags.id, flagId), eq(flags.status, 'open')))
      .returning();
    if (!row) throw new Conflict('This flag has already been decided.');
    const stillOpen = await tx
      .select({ id: flags.id })
      .from(flags)
      .where(and(eq(flags.conversationId, row.conversationId), eq(flags.status, 'open')))
      .limit(1);
    if (stillOpen.length === 0) {
      await tx
        .update(conversations)
        .set({ underReview: false, reviewClosedAt: now })
        .where(eq(conversations.id, row.conversationId));
    }
    return { row, reviewClosed: stillOpen.length === 0 };
  });
}

/** Flags by id, for highlighting: message id -> flag ids. */
export function highlightIndex(rows: { id: string; messageIds: string[] }[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const f of rows) for (const m of f.messageIds) index.set(m, [...(index.get(m) ?? []), f.id]);
  return index;
}

export async function flagRowsOf(db: Db, conversationId: string): Promise<FlagRow[]> {
  return db.select().from(flags).where(eq(flags.conversationId, conversationId));
}
