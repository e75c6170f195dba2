// Staff sessions: one per sign-in, a family of rotating refresh tokens stored as hashes; reuse revokes the family.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { refreshTokens, staffSessions } from '../../db/schema.js';
import { hashToken, newOneTimeToken } from '../../security/ipHash.js';
import type { Clock } from '../core/clock.js';

/** An unused refresh token lapses after this long: a shift plus margin. */
export const REFRESH_TOKEN_SECONDS = 12 * 3600;
/** However often it is refreshed, a session ends this long after sign-in. */
export const SESSION_MAX_SECONDS = 7 * 24 * 3600;

export type RevokeReason = 'logout' | 'reuse' | 'suspended' | 'disabled' | 'role_changed' | 'two_factor_reset' | 'password_reset' | 'inactive';

export interface IssuedRefresh {
  sessionId: string;
  staffId: string;
  refreshToken: string;
  expiresAt: Date;
}

export type RotateResult =
  | ({ ok: true } & IssuedRefresh)
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }
  | { ok: false; reason: 'reused'; staffId: string; sessionId: string };

/** Opens a session for a completed sign-in and hands out its first refresh token. */
export async function openSession(db: Db, clock: Clock, staffId: string): Promise<IssuedRefresh> {
  const now = clock.now();
  const sessionId = randomUUID();
  const sessionEnds = new Date(now.getTime() + SESSION_MAX_SECONDS * 1000);
  return db.transaction(async (tx) => {
    await tx.insert(staffSessions).values({ id: sessionId, staffId, createdAt: now, expiresAt: sessionEnds, lastUsedAt: now });
    return { sessionId, staffId, ...(await issueRefresh(tx, now, sessionId, sessionEnds)) };
  });
}

async function issueRefresh(db: Db, now: Date, sessionId: string, sessionEnds: Date): Promise<{ refreshToken: string; expiresAt: Date }> {
  const { token, hash } = newOneTimeToken();
  const expiresAt = new Date(Math.min(now.getTime() + REFRESH_TOKEN_SECONDS * 1000, sessionEnds.getTime()));
  await db.insert(refreshTokens).values({ tokenHash: hash, sessionId, createdAt: now, expiresAt });
  return { refreshToken: token, expiresAt };
}

/**
 * Exchanges a refresh token for the next one in its family. A token that was already exchanged means it was
 * copied: the whole session is revoked (committed, not rolled back) and the caller must sign in again.
 */
export async function rotateRefreshToken(db: Db, clock: Clock, token: string): Promise<RotateResult> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ token: refreshTokens, session: staffSessions })
      .from(refreshTokens)
      .innerJoin(staffSessions, eq(staffSessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.tokenHash, hashToken(token)))
      .limit(1)
      .for('update');
    if (!row) return { ok: false, reason: 'unknown' } as const;
    const { session } = row;
    if (session.revokedAt) return { ok: false, reason: 'revoked' } as const;
    if (row.token.usedAt) {
      await tx
        .update(staffSessions)
        .set({ revokedAt: now, revokeReason: 'reuse' satisfies RevokeReason })
        .where(and(eq(staffSessions.id, session.id), isNull(staffSessions.revokedAt)));
      return { ok: false, reason: 'reused', staffId: session.staffId, sessionId: session.id } as const;
    }
    if (row.token.expiresAt <= now || session.expiresAt <= now) return { ok: false, reason: 'expired' } as const;
    await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.tokenHash, row.token.tokenHash));
    await tx.update(staffSessions).set({ lastUsedAt: now }).where(eq(staffSessions.id, session.id));
    const next = await issueRefresh(tx, now, session.id, session.expiresAt);
    return { ok: true, sessionId: session.id, staffId: session.staffId, ...next } as const;
  });
}

/** The session a refresh token belongs to (used or not), if any. */
export async function sessionOfRefreshToken(db: Db, token: string): Promise<{ sessionId: string; staffId: string } | undefined> {
  const [row] = await db
    .select({ sessionId: staffSessions.id, staffId: staffSessions.staffId })
    .from(refreshTokens)
    .innerJoin(staffSessions, eq(staffSessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, hashToken(token)))
    .limit(1);
  return row;
}

export async function revokeSession(db: Db, clock: Clock, sessionId: string, reason: RevokeReason): Promise<boolean> {
  const rows = await db
    .update(staffSessions)
    .set({ revokedAt: clock.now(), revokeReason: reason })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt)))
    .returning({ id: staffSessions.id });
  return rows.length > 0;
}

/** Ends every session of a staff member (suspension, role change, 2FA reset); returns how many were open. */
export async function revokeAllSessions(db: Db, clock: Clock, staffId: string, reason: RevokeReason): Promise<number> {
  const rows = await db
    .update(staffSessions)
    .set({ revokedAt: clock.now(), revokeReason: reason })
    .where(and(eq(staffSessions.staffId, staffId), isNull(staffSessions.revokedAt)))
    .returning({ id: staffSessions.id });
  return rows.length;
}

/** False once the session was revoked (logout, reuse, suspension): its access tokens stop working at once. */
export async function isSessionLive(db: Db, sessionId: string, staffId: string): Promise<boolean> {
  const [row] = await db
    .select({ revokedAt: staffSessions.revokedAt, staffId: staffSessions.staffId })
    .from(staffSessions)
    .where(eq(staffSessions.id, sessionId))
    .limit(1);
  return !!row && row.revokedAt === null && row.staffId === staffId;
}
