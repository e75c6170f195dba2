// Two-factor sign-in: TOTP set-up and checks (each code once), and one-time recovery codes stored as hashes.
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Role, TotpSetup } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { recoveryCodes, staff } from '../../db/schema.js';
import type { FieldCipher } from '../../security/cipher.js';
import { hashToken } from '../../security/ipHash.js';
import { checkTotp, newTotpSecret, totpUri } from '../../security/totp.js';
import type { Clock } from '../core/clock.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../core/errors.js';
import type { StaffRow } from './accounts.js';

export const RECOVERY_CODE_COUNT = 10;

/** Moderators and admins cannot get a token without a second factor; for volunteers it is their choice. */
export function requiresTwoFactor(role: string): boolean {
  return (role as Role) === 'moderator' || (role as Role) === 'admin';
}

export function hasTwoFactor(row: StaffRow): boolean {
  return row.totpEnabledAt !== null && row.totpSecretEnc !== null;
}

/** Starts (or restarts) TOTP set-up: a new secret waits, unused, until a code from it is confirmed. */
export async function beginTotpSetup(db: Db, cipher: FieldCipher, row: StaffRow): Promise<TotpSetup> {
  if (hasTwoFactor(row)) throw new Conflict('Two-factor sign-in is already on for this account.');
  const secret = newTotpSecret();
  await db.update(staff).set({ totpPendingSecretEnc: cipher.encrypt(secret) }).where(eq(staff.id, row.id));
  return { secret, otpauthUri: totpUri(secret, row.email) };
}

/** Confirms set-up with a first code from the app; turns two-factor on and returns fresh recovery codes. */
export async function confirmTotpSetup(db: Db, clock: Clock, cipher: FieldCipher, row: StaffRow, code: string): Promise<string[]> {
  if (hasTwoFactor(row)) throw new Conflict('Two-factor sign-in is already on for this account.');
  if (!row.totpPendingSecretEnc) throw new Conflict('Start two-factor set-up first.');
  const secret = cipher.decrypt(row.totpPendingSecretEnc);
  const counter = checkTotp(secret, code, clock.now(), null);
  if (counter === undefined) throw new Invalid('That code did not match. Check the time on your phone and try again.', 'code');
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(staff)
      .set({
        totpSecretEnc: row.totpPendingSecretEnc,
        totpPendingSecretEnc: null,
        totpEnabledAt: clock.now(),
        totpLastCounter: counter,
      })
      .where(and(eq(staff.id, row.id), isNull(staff.totpEnabledAt)))
      .returning({ id: staff.id });
    if (updated.length === 0) throw new Conflict('Two-factor sign-in is already on for this account.');
    return replaceRecoveryCodes(tx, clock, row.id);
  });
}

/**
 * Checks a TOTP code against the account's secret and consumes its time step, so that the same code (or an
 * earlier one) is never accepted again, even by two requests racing on two nodes.
 */
export async function useTotp(db: Db, clock: Clock, cipher: FieldCipher, row: StaffRow, code: string): Promise<boolean> {
  if (!row.totpSecretEnc) return false;
  const counter = checkTotp(cipher.decrypt(row.totpSecretEnc), code, clock.now(), row.totpLastCounter);
  if (counter === undefined) return false;
  const claimed = await db
    .update(staff)
    .set({ totpLastCounter: counter })
    .where(and(eq(staff.id, row.id), or(isNull(staff.totpLastCounter), lt(staff.totpLastCounter, counter))))
    .returning({ id: staff.id });
  return claimed.length > 0;
}

/** Uses one recovery code, once. Case, spaces and dashes do not matter. */
export async function useRecoveryCode(db: Db, clock: Clock, staffId: string, code: string): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: clock.now() })
    .where(
      and(eq(recoveryCodes.staffId, staffId), eq(recoveryCodes.codeHash, hashRecoveryCode(staffId, code)), isNull(recoveryCodes.usedAt)),
    )
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

/** Replaces every recovery code of the account; the new ones are returned once and only their hashes kept. */
export async function replaceRecoveryCodes(db: Db, clock: Clock, staffId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.staffId, staffId));
  await db.insert(recoveryCodes).values(
    codes.map((c) => ({ id: randomUUID(), staffId, codeHash: hashRecoveryCode(staffId, c), createdAt: clock.now() })),
  );
  return codes;
}

export async function remainingRecoveryCodes(db: Db, staffId: string): Promise<number> {
  const rows = await db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.staffId, staffId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

/** Turns two-factor off (a volunteer's own choice, or an admin's reset after a lost phone). */
export async function removeTwoFactor(db: Db, staffId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(staff)
      .set({ totpSecretEnc: null, totpPendingSecretEnc: null, totpEnabledAt: null, totpLastCounter: null })
      .where(eq(staff.id, staffId))
      .returning({ id: staff.id });
    if (rows.length === 0) throw new NotFound('No such staff member.');
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.staffId, staffId));
  });
}

/** A volunteer may turn their own two-factor off; moderators and admins may not. */
export function assertMayDisableOwnTwoFactor(row: StaffRow): void {
  if (requiresTwoFactor(row.role)) throw new Forbidden('Moderators and admins must keep two-factor sign-in on.');
  if (!hasTwoFactor(row)) throw new Conflict('Two-factor sign-in is not on.');
}

/** Demo seed only: turns TOTP on with a known secret, and returns the secret and fresh recovery codes. */
export async function enableTotpWithSecret(
  db: Db,
  clock: Clock,
  cipher: FieldCipher,
  staffId: string,
  secret = newTotpSecret(),
): Promise<{ secret: string; recoveryCodes: string[] }> {
  await db
    .update(staff)
    .set({ totpSecretEnc: cipher.encrypt(secret), totpPendingSecretEnc: null, totpEnabledAt: clock.now(), totpLastCounter: null })
    .where(eq(staff.id, staffId));
  return { secret, recoveryCodes: await replaceRecoveryCodes(db, clock, staffId) };
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `xxxxx-xxxxx`: 50 random bits, easy to read out and type. */
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = Array.from(bytes, (b) => BASE32[b & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
}

function hashRecoveryCode(staffId: string, code: string): string {
  return hashToken(`${staffId}:${code.toLowerCase().replace(/[\s-]/g, '')}`);
}
