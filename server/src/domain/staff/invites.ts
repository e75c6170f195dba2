// Invitations, the only way in: a one-time link (only its hash stored) that expires and sets up one account.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { InvitePreview, InviteStatus, InviteView, Role, StaffProfile } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { staff, staffInvites } from '../../db/schema.js';
import { hashToken, newOneTimeToken } from '../../security/ipHash.js';
import type { Clock } from '../core/clock.js';
import { Conflict, NotFound } from '../core/errors.js';
import { assertAcceptablePassword, createStaff, type StaffRow } from './accounts.js';

export const INVITE_TTL_HOURS = 72;

type InviteRow = typeof staffInvites.$inferSelect;

const NOT_VALID = 'This invitation is not valid: it may have expired or been used already. Ask an admin for a new one.';

function statusOf(row: InviteRow, now: Date): InviteStatus {
  if (row.usedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt <= now) return 'expired';
  return 'pending';
}

export function toInviteView(row: InviteRow, now: Date): InviteView {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    status: statusOf(row, now),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    invitedBy: row.invitedBy,
  };
}

/**
 * Invites someone: returns the invite and its token, which is shown once and never stored. A new invitation for
 * the same address replaces any still pending.
 */
export async function createInvite(
  db: Db,
  clock: Clock,
  input: { email: string; role: Role; invitedBy: string },
): Promise<{ invite: InviteView; token: string }> {
  const email = input.email.trim().toLowerCase();
  const now = clock.now();
  const [existing] = await db.select({ id: staff.id }).from(staff).where(eq(staff.email, email)).limit(1);
  if (existing) throw new Conflict('An account with that e-mail already exists.');
  const { token, hash } = newOneTimeToken();
  const row = await db.transaction(async (tx) => {
    await tx
      .update(staffInvites)
      .set({ revokedAt: now })
      .where(and(eq(staffInvites.email, email), isNull(staffInvites.usedAt), isNull(staffInvites.revokedAt)));
    const [inserted] = await tx
      .insert(staffInvites)
      .values({
        id: randomUUID(),
        tokenHash: hash,
        email,
        role: input.role,
        invitedBy: input.invitedBy,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITE_TTL_HOURS * 3600_000),
      })
      .returning();
    return inserted!;
  });
  return { invite: toInviteView(row, now), token };
}

export async function listInvites(db: Db, clock: Clock): Promise<InviteView[]> {
  const now = clock.now();
  const rows = await db.select().from(staffInvites).orderBy(desc(staffInvites.createdAt)).limit(500);
  return rows.map((r) => toInviteView(r, now));
}

export async function revokeInvite(db: Db, clock: Clock, id: string): Promise<InviteView> {
  const [row] = await db
    .update(staffInvites)
    .set({ revokedAt: clock.now() })
    .where(and(eq(staffInvites.id, id), isNull(staffInvites.usedAt), isNull(staffInvites.revokedAt)))
    .returning();
  if (!row) throw new NotFound('No pending invitation with that id.');
  return toInviteView(row, clock.now());
}

/** What the accept page shows; any token that cannot be accepted gets the same answer. */
export async function previewInvite(db: Db, clock: Clock, token: string): Promise<InvitePreview> {
  const [row] = await db
    .select()
    .from(staffInvites)
    .where(
      and(
        eq(staffInvites.tokenHash, hashToken(token)),
        isNull(staffInvites.usedAt),
        isNull(staffInvites.revokedAt),
        gt(staffInvites.expiresAt, clock.now()),
      ),
    )
    .limit(1);
  if (!row) throw new NotFound(NOT_VALID);
  return { email: row.email, role: row.role as Role, expiresAt: row.expiresAt.toISOString() };
}

/**
 * Accepts an invitation: claims it (once, atomically), then creates the account with the chosen password and
 * profile. Training is not yet recorded, so nobody is routed chats until an admin records it.
 */
export async function acceptInvite(
  db: Db,
  clock: Clock,
  input: StaffProfile & { token: string; password: string },
): Promise<{ account: StaffRow; inviteId: string; invitedBy: string }> {
  assertAcceptablePassword(input.password);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(staffInvites)
      .set({ usedAt: now })
      .where(
        and(
          eq(staffInvites.tokenHash, hashToken(input.token)),
          isNull(staffInvites.usedAt),
          isNull(staffInvites.revokedAt),
          gt(staffInvites.expiresAt, now),
        ),
      )
      .returning();
    if (!invite) throw new NotFound(NOT_VALID);
    // Refused inside the claim: the transaction rolls back and the invitation stays usable.
    assertAcceptablePassword(input.password, 'password', [invite.email, input.displayName]);
    const account = await createStaff(tx, clock, {
      email: invite.email,
      password: input.password,
      role: invite.role as Role,
      displayName: input.displayName,
      languages: input.languages,
      topics: input.topics,
      capacity: input.capacity,
      gender: input.gender,
      trainedAt: null,
      invitedBy: invite.invitedBy,
    });
    await tx.update(staffInvites).set({ staffId: account.id }).where(eq(staffInvites.id, invite.id));
    return { account, inviteId: invite.id, invitedBy: invite.invitedBy };
  });
}
