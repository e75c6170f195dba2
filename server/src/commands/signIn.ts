// Signing a staff member in: the attempt limit, the password, the second factor or its enrolment, and the audit trail.
import type { SignedIn, SignInBody } from '@beside/shared';
import type { AppContext } from '../context.js';
import { recordAudit, type AuditEntry } from '../domain/core/audit.js';
import { TooManyAttempts, Unauthorized } from '../domain/core/errors.js';
import { BAD_CREDENTIALS, checkPassword, toStaffAccount, type StaffRow } from '../domain/staff/accounts.js';
import { openSession, type IssuedRefresh } from '../domain/staff/sessions.js';
import { hasTwoFactor, remainingRecoveryCodes, requiresTwoFactor, useRecoveryCode, useTotp } from '../domain/staff/twoFactor.js';
import type { GuessGuard } from '../security/guessLimits.js';
import { ACCESS_TOKEN_SECONDS, ENROLLMENT_TOKEN_SECONDS } from '../security/tokens.js';

export type SignInOutcome =
  | { status: 'signed_in'; session: SignedIn; refresh: IssuedRefresh }
  | { status: 'two_factor_required'; methods: ('totp' | 'recovery_code')[] }
  | { status: 'two_factor_setup_required'; enrollmentToken: string; expiresIn: number };

export interface SignInAttempt extends SignInBody {
  /** The keyed hash of the caller's address (never the address itself): the limit and the audit use it. */
  ipHash: string | null;
}

/**
 * One sign-in attempt, as a state machine: blocked by the limit → password → (second factor | its enrolment) →
 * signed in. Every failure is audited and answered the same way, whether the account exists or not.
 */
export interface SignInGuards {
  /** Passwords, keyed by the e-mail as typed. */
  password: GuessGuard;
  /** Second factors, keyed by `2fa:<staff id>` (the same key the 2FA set-up endpoints count under). */
  secondFactor: GuessGuard;
}

export async function signIn(ctx: AppContext, guards: SignInGuards, attempt: SignInAttempt): Promise<SignInOutcome> {
  const { email, ipHash } = attempt;
  const audit = (entry: Omit<AuditEntry, 'ipHash'>) => recordAudit(ctx.db, ctx.clock, { ...entry, ipHash });
  const refuse = async (wait: number): Promise<never> => {
    await audit({ actorId: null, actorRole: 'anonymous', action: 'auth.login_failed', details: { reason: 'rate_limited' } });
    throw new TooManyAttempts(wait);
  };
  const wait = await guards.password.blockedFor(email, ipHash);
  if (wait !== undefined) return refuse(wait);
  // Known and unknown e-mails take the same path and the same time up to here, and fail with the same answer.
  const { row, ok } = await checkPassword(ctx.db, email, attempt.password);
  const fail = async (reason: string, known?: StaffRow, guard: GuessGuard = guards.password, subject = email): Promise<never> => {
    await guard.recordFailure(subject, ipHash);
    await audit({
      actorId: null,
      actorRole: 'anonymous',
      action: 'auth.login_failed',
      ...(known ? { targetType: 'staff', targetId: known.id } : {}),
      details: { reason },
    });
    throw new Unauthorized(BAD_CREDENTIALS);
  };
  if (!row || !ok) return fail(row ? 'bad_password' : 'unknown_account', row);
  if (row.status !== 'active') return fail(`account_${row.status}`, row);

  let method = 'password';
  const secondFactorKey = `2fa:${row.id}`;
  if (hasTwoFactor(row)) {
    if (!attempt.totp && !attempt.recoveryCode) return { status: 'two_factor_required', methods: ['totp', 'recovery_code'] };
    // Codes are counted on their own, across every address: the password being known must not open a fast lane.
    const codeWait = await guards.secondFactor.blockedFor(secondFactorKey, ipHash);
    if (codeWait !== undefined) return refuse(codeWait);
    if (attempt.totp) {
      if (!(await useTotp(ctx.db, ctx.clock, ctx.cipher, row, attempt.totp))) return fail('bad_totp', row, guards.secondFactor, secondFactorKey);
      method = 'password+totp';
    } else {
      if (!(await useRecoveryCode(ctx.db, ctx.clock, row.id, attempt.recoveryCode!))) return fail('bad_recovery_code', row, guards.secondFactor, secondFactorKey);
      method = 'password+recovery_code';
      await audit({
        actorId: row.id,
        actorRole: row.role,
        action: 'auth.recovery_code_used',
        targetType: 'staff',
        targetId: row.id,
        details: { remaining: await remainingRecoveryCodes(ctx.db, row.id) },
      });
    }
  } else if (requiresTwoFactor(row.role)) {
    // The password was right, but a moderator or admin gets no access token before setting up a second factor.
    await audit({ actorId: row.id, actorRole: row.role, action: 'auth.login_two_factor_setup_required', targetType: 'staff', targetId: row.id });
    return { status: 'two_factor_setup_required', enrollmentToken: ctx.tokens.signEnrollment(row.id), expiresIn: ENROLLMENT_TOKEN_SECONDS };
  }
  await guards.password.recordSuccess(email, ipHash);
  if (hasTwoFactor(row)) await guards.secondFactor.recordSuccess(secondFactorKey, ipHash);
  return { status: 'signed_in', ...(await openSignedInSession(ctx, row, method, ipHash)) };
}

/** Opens the session, writes the sign-in to the audit log, and returns the access token and the refresh token. */
export async function openSignedInSession(
  ctx: AppContext,
  row: StaffRow,
  method: string,
  ipHash: string | null,
): Promise<{ session: SignedIn; refresh: IssuedRefresh }> {
  const refresh = await openSession(ctx.db, ctx.clock, row.id);
  await recordAudit(ctx.db, ctx.clock, {
    actorId: row.id,
    actorRole: row.role,
    action: 'auth.login',
    targetType: 'staff',
    targetId: row.id,
    ipHash,
    details: { method, sessionId: refresh.sessionId },
  });
  ctx.logger.info('auth.login', { staffId: row.id, role: row.role, method });
  return { session: signedInAs(ctx, row, refresh.sessionId), refresh };
}

export function signedInAs(ctx: AppContext, row: StaffRow, sessionId: string): SignedIn {
  return {
    status: 'signed_in',
    accessToken: ctx.tokens.signAccess(row.id, row.role, sessionId),
    expiresIn: ACCESS_TOKEN_SECONDS,
    user: toStaffAccount(row),
  };
}
