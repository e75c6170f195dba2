// Live supervision: a volunteer's call for help, moderators observing, whispers between them, and taking over.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { HelpRequestView, ObserveReason, RiskAlert, Role, Whisper } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { conversationObservers, conversations, flags, helpRequests, staff, whispers } from '../../db/schema.js';
import type { FieldCipher } from '../../security/cipher.js';
import type { Clock } from '../core/clock.js';
import type { ConversationRow } from '../conversations/conversations.js';
import { Conflict, Forbidden } from '../core/errors.js';

type HelpRow = typeof helpRequests.$inferSelect;

/** Asks the moderators for help with a live conversation; asking again while one is open returns that one. */
export async function requestHelp(db: Db, clock: Clock, conv: ConversationRow, volunteerId: string): Promise<{ row: HelpRow; created: boolean }> {
  if (conv.status !== 'active') throw new Conflict('This conversation has ended.');
  const [existing] = await db
    .select()
    .from(helpRequests)
    .where(and(eq(helpRequests.conversationId, conv.id), eq(helpRequests.status, 'open')))
    .limit(1);
  if (existing) return { row: existing, created: false };
  const [row] = await db
    .insert(helpRequests)
    .values({ id: randomUUID(), conversationId: conv.id, volunteerId, createdAt: clock.now(), status: 'open' })
    .onConflictDoNothing()
    .returning();
  if (row) return { row, created: true };
  const [winner] = await db
    .select()
    .from(helpRequests)
    .where(and(eq(helpRequests.conversationId, conv.id), eq(helpRequests.status, 'open')))
    .limit(1);
  if (!winner) throw new Conflict('Could not ask for help; please try again.');
  return { row: winner, created: false };
}

const helpVolunteer = alias(staff, 'help_volunteer');
const helpAnswerer = alias(staff, 'help_answerer');

async function selectHelp(db: Db, where: ReturnType<typeof eq> | undefined, limit: number): Promise<HelpRequestView[]> {
  const rows = await db
    .select({
      h: helpRequests,
      topic: conversations.topic,
      language: conversations.language,
      risk: conversations.risk,
      volunteerName: helpVolunteer.displayName,
      answeredByName: helpAnswerer.displayName,
    })
    .from(helpRequests)
    .innerJoin(conversations, eq(conversations.id, helpRequests.conversationId))
    .innerJoin(helpVolunteer, eq(helpVolunteer.id, helpRequests.volunteerId))
    .leftJoin(helpAnswerer, eq(helpAnswerer.id, helpRequests.answeredBy))
    .where(where)
    .orderBy(asc(helpRequests.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.h.id,
    conversationId: r.h.conversationId,
    volunteerId: r.h.volunteerId,
    volunteerName: r.volunteerName,
    status: r.h.status as HelpRequestView['status'],
    createdAt: r.h.createdAt.toISOString(),
    topic: r.topic,
    language: r.language,
    risk: r.risk as HelpRequestView['risk'],
    ...(r.answeredByName ? { answeredByName: r.answeredByName } : {}),
    ...(r.h.answeredAt ? { answeredAt: r.h.answeredAt.toISOString() } : {}),
  }));
}

export async function helpRequestView(db: Db, id: string): Promise<HelpRequestView | undefined> {
  return (await selectHelp(db, eq(helpRequests.id, id), 1))[0];
}

/** Open help requests of conversations still live, oldest first. */
export async function openHelpRequests(db: Db): Promise<HelpRequestView[]> {
  const rows = await selectHelp(db, eq(helpRequests.status, 'open'), 200);
  const live = new Set(
    (await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.status, 'active'))).map((r) => r.id),
  );
  return rows.filter((r) => live.has(r.conversationId));
}

/**
 * The live high-risk chats as moderator alerts (no content; the crisis kinds are not kept, so `kinds` is empty),
 * all of them or one conversation's.
 */
export async function highRiskAlerts(db: Db, conversationId?: string): Promise<RiskAlert[]> {
  const rows = await db
    .select({ c: conversations, name: staff.displayName })
    .from(conversations)
    .innerJoin(staff, eq(staff.id, conversations.volunteerId))
    .where(
      and(
        eq(conversations.status, 'active'),
        eq(conversations.risk, 'high'),
        conversationId ? eq(conversations.id, conversationId) : undefined,
      ),
    );
  return rows.map(({ c, name }) => riskAlertOf(c, name, [], c.startedAt.toISOString()));
}

/** The moderators' alert for a high-risk conversation; no content. */
export function riskAlertOf(conv: ConversationRow, volunteerName: string, kinds: RiskAlert['kinds'], at: string): RiskAlert {
  return {
    conversationId: conv.id,
    volunteerId: conv.volunteerId,
    volunteerName,
    kinds,
    topic: conv.topic,
    language: conv.language,
    at,
  };
}

/** Whether moderators were alerted about this conversation: it is high-risk, or its volunteer asked for help. */
export async function raisedModeratorAlert(db: Db, conversationId: string): Promise<boolean> {
  const [row] = await db
    .select({
      alerted: sql<boolean>`(${conversations.risk} = 'high' OR EXISTS (SELECT 1 FROM ${helpRequests} WHERE ${helpRequests.conversationId} = ${conversations.id}))`,
    })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return row?.alerted === true;
}

/**
 * Why a moderator may look at a conversation without a flag: it is escalated (the detector marked it high-risk,
 * or its volunteer asked for help). Flagged conversations are read through their flag.
 */
export async function escalationOf(db: Db, conv: ConversationRow): Promise<{ highRisk: boolean; helpRequested: boolean; openFlag: boolean }> {
  const help = await db.select({ id: helpRequests.id }).from(helpRequests).where(eq(helpRequests.conversationId, conv.id)).limit(1);
  const open = await db
    .select({ id: flags.id })
    .from(flags)
    .where(and(eq(flags.conversationId, conv.id), eq(flags.status, 'open')))
    .limit(1);
  return { highRisk: conv.risk === 'high', helpRequested: help.length > 0, openFlag: open.length > 0 };
}

/**
 * Adds a moderator as an observer of a live, escalated conversation (high risk, help asked, or an open flag) and
 * answers its open help request. `joined` is false when they were already observing (a reconnect).
 */
export async function startObserving(
  db: Db,
  clock: Clock,
  conv: ConversationRow,
  moderatorId: string,
  reason?: ObserveReason,
): Promise<{ joined: boolean; answered?: HelpRow }> {
  if (conv.status !== 'active') throw new Conflict('This conversation has ended.');
  const e = await escalationOf(db, conv);
  // A supervisor's stated reason (from the live board) is itself the escalation; one already observing needs none.
  if (!e.highRisk && !e.helpRequested && !e.openFlag && !reason && !(await isObserving(db, conv.id, moderatorId))) {
    throw new Forbidden(
      'Moderators join only conversations that are escalated (high-risk, flagged, or where the volunteer asked for help), or give a reason to observe from the live board.',
    );
  }
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(conversationObservers)
      .where(and(eq(conversationObservers.conversationId, conv.id), eq(conversationObservers.moderatorId, moderatorId)))
      .limit(1);
    const joined = !before || before.leftAt !== null;
    if (joined) {
      await tx
        .insert(conversationObservers)
        .values({ conversationId: conv.id, moderatorId, joinedAt: now, leftAt: null })
        .onConflictDoUpdate({
          target: [conversationObservers.conversationId, conversationObservers.moderatorId],
          set: { joinedAt: now, leftAt: null },
        });
    }
    const [answered] = await tx
      .update(helpRequests)
      .set({ status: 'answered', answeredBy: moderatorId, answeredAt: now })
      .where(and(eq(helpRequests.conversationId, conv.id), eq(helpRequests.status, 'open')))
      .returning();
    return { joined, ...(answered ? { answered } : {}) };
  });
}

export async function stopObserving(db: Db, clock: Clock, conversationId: string, moderatorId: string): Promise<boolean> {
  const rows = await db
    .update(conversationObservers)
    .set({ leftAt: clock.now() })
    .where(
      and(
        eq(conversationObservers.conversationId, conversationId),
        eq(conversationObservers.moderatorId, moderatorId),
        isNull(conversationObservers.leftAt),
      ),
    )
    .returning({ id: conversationObservers.moderatorId });
  return rows.length > 0;
}

export async function isObserving(db: Db, conversationId: string, moderatorId: string): Promise<boolean> {
  const rows = await db
    .select({ id: conversationObservers.moderatorId })
    .from(conversationObservers)
    .where(
      and(
        eq(conversationObservers.conversationId, conversationId),
        eq(conversationObservers.moderatorId, moderatorId),
        isNull(conversationObservers.leftAt),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function observersOf(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversationObservers.moderatorId })
    .from(conversationObservers)
    .where(and(eq(conversationObservers.conversationId, conversationId), isNull(conversationObservers.leftAt)));
  return rows.map((r) => r.id);
}

/** The live conversations a moderator observes now (their rooms are rejoined on reconnect). */
export async function observedBy(db: Db, moderatorId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversationObservers.conversationId })
    .from(conversationObservers)
    .innerJoin(conversations, eq(conversations.id, conversationObservers.conversationId))
    .where(
      and(eq(conversationObservers.moderatorId, moderatorId), isNull(conversationObservers.leftAt), eq(conversations.status, 'active')),
    );
  return rows.map((r) => r.id);
}

/** An observing moderator takes the chat over; only one moderator can hold it. */
export async function takeOver(db: Db, clock: Clock, conv: ConversationRow, moderatorId: string): Promise<{ at: Date; already: boolean }> {
  if (conv.status !== 'active') throw new Conflict('This conversation has ended.');
  if (!(await isObserving(db, conv.id, moderatorId))) throw new Forbidden('Join the conversation as an observer first.');
  const now = clock.now();
  const [row] = await db
    .update(conversations)
    .set({ takenOverBy: moderatorId, takenOverAt: now })
    .where(and(eq(conversations.id, conv.id), eq(conversations.status, 'active'), sql`${conversations.takenOverBy} IS NULL`))
    .returning({ at: conversations.takenOverAt });
  if (row) return { at: row.at!, already: false };
  const [current] = await db
    .select({ by: conversations.takenOverBy, at: conversations.takenOverAt })
    .from(conversations)
    .where(eq(conversations.id, conv.id))
    .limit(1);
  if (current?.by === moderatorId) return { at: current.at!, already: true };
  throw new Conflict('Another moderator has already taken this chat over.');
}

// ---- whispers ------------------------------------------------------------------------------------------------

type WhisperRow = typeof whispers.$inferSelect;

function toWhisper(row: WhisperRow, senderName: string, cipher: FieldCipher): Whisper {
  return {
    id: row.id,
    conversationId: row.conversationId,
    clientId: row.clientId,
    sender: row.senderRole === 'volunteer' ? 'volunteer' : 'moderator',
    senderId: row.senderId,
    senderName,
    body: cipher.decrypt(row.bodyEnc),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Stores a whisper (once per client id) and returns it with `duplicate` set for a retry. */
export async function appendWhisper(
  db: Db,
  cipher: FieldCipher,
  clock: Clock,
  input: { conversationId: string; clientId: string; senderId: string; senderRole: Role; senderName: string; body: string },
): Promise<{ whisper: Whisper; duplicate: boolean }> {
  const [inserted] = await db
    .insert(whispers)
    .values({
      id: randomUUID(),
      conversationId: input.conversationId,
      clientId: input.clientId,
      senderId: input.senderId,
      senderRole: input.senderRole,
      bodyEnc: cipher.encrypt(input.body),
      createdAt: clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { whisper: toWhisper(inserted, input.senderName, cipher), duplicate: false };
  const [existing] = await db
    .select()
    .from(whispers)
    .where(and(eq(whispers.conversationId, input.conversationId), eq(whispers.clientId, input.clientId)))
    .limit(1);
  if (!existing) throw new Conflict('Could not send the whisper; please try again.');
  return { whisper: toWhisper(existing, input.senderName, cipher), duplicate: true };
}

export async function whispersOf(db: Db, cipher: FieldCipher, conversationId: string): Promise<Whisper[]> {
  const rows = await db
    .select({ w: whispers, name: staff.displayName })
    .from(whispers)
    .innerJoin(staff, eq(staff.id, whispers.senderId))
    .where(eq(whispers.conversationId, conversationId))
    .orderBy(asc(whispers.createdAt), asc(whispers.id));
  return rows.map((r) => toWhisper(r.w, r.name, cipher));
}

/**
 * A takeover is a hand-over: once a supervisor has the chat, its volunteer can read and whisper, but no longer write
 * to the survivor, share, transfer or end it. `forbidden`, naming the supervisor who has it.
 */
export async function assertNotTakenOver(db: Db, conv: ConversationRow, staffId: string): Promise<void> {
  if (!conv.takenOverBy || conv.takenOverBy === staffId) return;
  const [holder] = await db.select({ name: staff.displayName }).from(staff).where(eq(staff.id, conv.takenOverBy));
  throw new Forbidden(`${holder?.name ?? 'A supervisor'} (supervisor) has taken this chat over: they are talking with the survivor now. You can still read and whisper to them.`);
}

/** Ends a takeover (the supervisor hands the chat back to its volunteer); false when the chat changed meanwhile. */
export async function releaseTakeover(db: Db, conversationId: string, moderatorId: string): Promise<boolean> {
  const released = await db
    .update(conversations)
    .set({ takenOverBy: null, takenOverAt: null })
    .where(and(eq(conversations.id, conversationId), eq(conversations.takenOverBy, moderatorId), eq(conversations.status, 'active')))
    .returning({ id: conversations.id });
  return released.length > 0;
}
