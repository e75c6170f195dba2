// Password resets by an admin-issued one-time link: only the token's hash is stored; it expires, works once, and a newer one replaces it.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { PasswordResetPreview } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { passwordResets, staff } from '../../db/schema.js';
import { hashPassword } from '../../security/passwords.js';
import { hashToken, newOneTimeToken } from '../../security/ipHash.js';
import type { Clock } from '../core/clock.js';
import { NotFound } from '../core/errors.js';
import { assertAcceptablePassword, requireStaffRow, type StaffRow } from './accounts.js';

/** Long enough to pass on by another channel and use the same day; short enough not to linger in an inbox. */
export const PASSWORD_RESET_TTL_HOURS = 24;

const NOT_VALID = 'This reset link is not valid: it may have expired, been used already or been replaced by a newer one. Ask an admin for a new one.';

/** Issues a link for this staff member; any link of theirs still pending stops working. The token is returned once. */
export async function issuePasswordReset(
  db: Db,
  clock: Clock,
  input: { staffId: string; issuedBy: string },
): Promise<{ token: string; expiresAt: Date; account: StaffRow }> {
  const account = await requireStaffRow(db, input.staffId);
  const now = clock.now();
  const { token, hash } = newOneTimeToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_HOURS * 3600_000);
  await db.transaction(async (tx) => {
    await tx
      .update(passwordResets)
      .set({ revokedAt: now })
      .where(and(eq(passwordResets.staffId, account.id), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)));
    await tx.insert(passwordResets).values({
      id: randomUUID(),
      tokenHash: hash,
      staffId: account.id,
      issuedBy: input.issuedBy,
      createdAt: now,
      expiresAt,
    });
  });
  return { token, expiresAt, account };
}

const usable = (token: string, now: Date) =>
  and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt), gt(passwordResets.expiresAt, now));

/** What the reset page shows; every token that cannot be used gets the same answer. */
export async function previewPasswordReset(db: Db, clock: Clock, token: string): Promise<PasswordResetPreview> {
  const [row] = await db
    .select({ email: staff.email, displayName: staff.displayName, expiresAt: passwordResets.expiresAt })
    .from(passwordResets)
    .innerJoin(staff, eq(staff.id, passwordResets.staffId))
    .where(usable(token, clock.now()))
    .limit(1);
  if (!row) throw new NotFound(NOT_VALID);
  return { email: row.email, displayName: row.displayName, expiresAt: row.expiresAt.toISOString() };
}

/**
 * Uses a link: claims it (once, atomically, in the same transaction as the new password), then sets the password.
 * A password refused by the policy leaves the link usable. The caller ends the person's sessions.
 */
export async function completePasswordReset(db: Db, clock: Clock, token: string, password: string): Promise<StaffRow> {
  assertAcceptablePassword(password);
  const passwordHash = await hashPassword(password);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [claimed] = await tx.update(passwordResets).set({ usedAt: now }).where(usable(token, now)).returning({ staffId: passwordResets.staffId });
    if (!claimed) throw new NotFound(NOT_VALID);
    const [person] = await tx.select({ email: staff.email, displayName: staff.displayName }).from(staff).where(eq(staff.id, claimed.staffId));
    // Refused inside the claim: the transaction rolls back and the link stays usable.
    if (person) assertAcceptablePassword(password, 'password', [person.email, person.displayName]);
    const [row] = await tx.update(staff).set({ passwordHash }).where(eq(staff.id, claimed.staffId)).returning();
    return row!;
  });
}
