// Staff accounts: creation, sign-in checks, admin changes (role, training, status), the first admin's setup link.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Language, Role, StaffAccount, StaffProfile, StaffUpdateBody, StaffUser, Topic, TrainingBody } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { setupTokens, staff, volunteerPresence } from '../../db/schema.js';
import { DUMMY_PASSWORD_HASH, hashPassword, passwordPolicyError, verifyPassword } from '../../security/passwords.js';
import { hashToken, newOneTimeToken } from '../../security/ipHash.js';
import { systemClock, type Clock } from '../core/clock.js';
import { Conflict, Invalid, NotFound, Unauthorized } from '../core/errors.js';

export type StaffRow = typeof staff.$inferSelect;

export function toStaffUser(row: StaffRow): StaffUser {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    displayName: row.displayName,
    languages: row.languages as Language[],
    topics: row.topics as Topic[],
    capacity: row.capacity,
    gender: row.gender,
    trained: row.trainingCompletedAt !== null,
    status: row.status as StaffUser['status'],
  };
}

/**
 * The account as admins (and the person themself) see it; never the password hash or 2FA secrets. `names` gives
 * the display names of other staff (who recorded the training), when the caller has them.
 */
export function toStaffAccount(row: StaffRow, names?: ReadonlyMap<string, string>): StaffAccount {
  const recorder = row.trainingRecordedBy;
  return {
    ...toStaffUser(row),
    twoFactorEnabled: row.totpEnabledAt !== null && row.totpSecretEnc !== null,
    twoFactorRequired: row.role === 'moderator' || row.role === 'admin',
    ...(row.trainingCompletedAt ? { trainingCompletedAt: row.trainingCompletedAt.toISOString() } : {}),
    ...(row.trainingCompletedAt && row.trainingCourse && recorder && row.trainingRecordedAt
      ? {
          training: {
            course: row.trainingCourse,
            completedOn: row.trainingCompletedAt.toISOString().slice(0, 10),
            recordedById: recorder,
            ...(names?.has(recorder) ? { recordedByName: names.get(recorder)! } : {}),
            recordedAt: row.trainingRecordedAt.toISOString(),
          },
        }
      : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Display names by id, for the staff a set of accounts refers to (who recorded their training). */
export async function staffNames(db: Db, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function getStaff(db: Db, id: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id)).limit(1);
  return row;
}

export const BAD_CREDENTIALS = 'Those details did not match an active account.';

/**
 * Checks a password against the account with this e-mail. An unknown e-mail is checked against a dummy hash, so
 * that it costs the same time as a known one; the caller must answer both the same way.
 */
export async function checkPassword(db: Db, email: string, password: string): Promise<{ row?: StaffRow; ok: boolean }> {
  const [row] = await db.select().from(staff).where(eq(staff.email, email.trim().toLowerCase())).limit(1);
  const ok = await verifyPassword(password, row?.passwordHash ?? (await DUMMY_PASSWORD_HASH));
  return { row, ok: !!row && ok };
}

/** The account for these credentials, or Unauthorized; an unknown e-mail costs the same work as a known one. */
export async function authenticate(db: Db, email: string, password: string): Promise<StaffRow> {
  const { row, ok } = await checkPassword(db, email, password);
  if (!row || !ok || row.status !== 'active') throw new Unauthorized(BAD_CREDENTIALS);
  return row;
}

/** Throws Invalid (naming `field`) when a new password is too short, common, or built on the account's e-mail or name. */
export function assertAcceptablePassword(password: string, field = 'password', personal: readonly string[] = []): void {
  const problem = passwordPolicyError(password, personal);
  if (problem) throw new Invalid(`${field}: ${problem}`, field);
}

export interface NewStaff extends StaffProfile {
  email: string;
  password: string;
  role: Role;
  trainedAt: Date | null;
  invitedBy?: string;
}

export async function createStaff(db: Db, clock: Clock, input: NewStaff): Promise<StaffRow> {
  const [row] = await db
    .insert(staff)
    .values({
      id: randomUUID(),
      email: input.email.trim().toLowerCase(),
      passwordHash: await hashPassword(input.password),
      role: input.role,
      displayName: input.displayName,
      languages: input.languages,
      topics: input.topics,
      capacity: input.capacity,
      gender: input.gender,
      trainingCompletedAt: input.trainedAt,
      status: 'active',
      createdAt: clock.now(),
      invitedBy: input.invitedBy ?? null,
    })
    .onConflictDoNothing({ target: staff.email })
    .returning();
  if (!row) throw new Conflict('An account with that e-mail already exists.');
  return row;
}

export async function hasAdmin(db: Db): Promise<boolean> {
  const rows = await db.select({ id: staff.id }).from(staff).where(eq(staff.role, 'admin')).limit(1);
  return rows.length > 0;
}

/**
 * How long a printed setup link works. Each start prints a new one (several replicas print one each), so a link
 * that lingers in an old log must not stay a way in for ever.
 */
export const SETUP_TOKEN_TTL_MS = 24 * 3600_000;

/** A fresh one-time setup token for the first admin; only its hash is stored. */
export async function issueSetupToken(db: Db, clock: Clock): Promise<string> {
  const { token, hash } = newOneTimeToken();
  await db.insert(setupTokens).values({ tokenHash: hash, createdAt: clock.now() });
  return token;
}

/** Creates the first admin if the setup token is valid and unused and no admin exists yet. */
export async function completeSetup(
  db: Db,
  clock: Clock,
  input: { setupToken: string; email: string; password: string; displayName: string },
): Promise<StaffRow> {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(setupTokens)
      .set({ usedAt: clock.now() })
      .where(
        and(
          eq(setupTokens.tokenHash, hashToken(input.setupToken)),
          isNull(setupTokens.usedAt),
          gt(setupTokens.createdAt, new Date(clock.now().getTime() - SETUP_TOKEN_TTL_MS)),
        ),
      )
      .returning();
    if (!used) throw new Unauthorized('This setup link is not valid, has expired or was already used. Restart the server for a new one.');
    if (await hasAdmin(tx)) throw new Conflict('An admin already exists.');
    return createStaff(tx, clock, {
      email: input.email,
      password: input.password,
      role: 'admin',
      displayName: input.displayName,
      languages: ['en'],
      topics: [],
      capacity: 1,
      gender: 'unspecified',
      trainedAt: clock.now(),
    });
  });
}

export async function requireStaffRow(db: Db, id: string): Promise<StaffRow> {
  const row = await getStaff(db, id);
  if (!row) throw new NotFound('No such staff member.');
  return row;
}

export async function listStaff(db: Db): Promise<StaffRow[]> {
  return db.select().from(staff).orderBy(asc(staff.role), asc(staff.displayName), asc(staff.email));
}

async function otherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const rows = await db.select({ id: staff.id }).from(staff).where(and(eq(staff.role, 'admin'), eq(staff.status, 'active')));
  return rows.filter((r) => r.id !== exceptId).length;
}

/** Changes role or profile; refuses to leave the service without an active admin. */
export async function updateStaff(db: Db, id: string, patch: StaffUpdateBody): Promise<{ before: StaffRow; after: StaffRow }> {
  const before = await requireStaffRow(db, id);
  if (patch.role && patch.role !== 'admin' && before.role === 'admin' && (await otherActiveAdmins(db, id)) === 0) {
    throw new Conflict('This is the only active admin; make someone else an admin first.');
  }
  const [after] = await db.update(staff).set(patch).where(eq(staff.id, id)).returning();
  return { before, after: after! };
}

/**
 * Records completed training (the course, the day, who recorded it) or clears it; nobody is routed chats before it
 * is recorded. The day is stored as noon UTC, so that it reads as the same date in every time zone of the service.
 */
export async function recordTraining(db: Db, clock: Clock, id: string, body: TrainingBody, recordedBy: string): Promise<StaffRow> {
  await requireStaffRow(db, id);
  const now = clock.now();
  if (body.trained && body.completedOn > now.toISOString().slice(0, 10)) {
    throw new Invalid('completedOn: cannot be in the future', 'completedOn');
  }
  const [row] = await db
    .update(staff)
    .set(
      body.trained
        ? {
            trainingCompletedAt: new Date(`${body.completedOn}T12:00:00Z`),
            trainingCourse: body.course,
            trainingRecordedBy: recordedBy,
            trainingRecordedAt: now,
          }
        : { trainingCompletedAt: null, trainingCourse: null, trainingRecordedBy: null, trainingRecordedAt: null },
    )
    .where(eq(staff.id, id))
    .returning();
  return row!;
}

/**
 * Suspends, disables or reactivates an account. Leaving 'active' also takes the person off shift, so that on
 * reactivation they are not routed chats the moment they reconnect: going on shift is always their own act.
 */
export async function setStaffStatus(
  db: Db,
  id: string,
  status: StaffAccount['status'],
  clock: Clock = systemClock,
): Promise<{ before: StaffRow; after: StaffRow }> {
  const before = await requireStaffRow(db, id);
  if (status !== 'active' && before.role === 'admin' && (await otherActiveAdmins(db, id)) === 0) {
    throw new Conflict('This is the only active admin; make someone else an admin first.');
  }
  return db.transaction(async (tx) => {
    const [after] = await tx.update(staff).set({ status }).where(eq(staff.id, id)).returning();
    if (status !== 'active') {
      await tx
        .update(volunteerPresence)
        .set({ onShift: false, shiftStartedAt: null, updatedAt: clock.now() })
        .where(eq(volunteerPresence.staffId, id));
    }
    return { before, after: after! };
  });
}
