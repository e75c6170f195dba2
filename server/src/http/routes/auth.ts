// Staff sign-in (commands/signIn.ts) and its cookie, refresh-token rotation, logout, two-factor set-up, first-admin setup.
import { Router, type Request, type Response } from 'express';
import {
  REFRESH_COOKIE,
  recoveryCodesBody,
  setupBody,
  signInBody,
  totpConfirmBody,
  twoFactorDisableBody,
  type RecoveryCodes,
  type SignInResponse,
  type SignedIn,
  type StaffAccount,
  type TotpConfirmed,
  type TotpSetup,
} from '@beside/shared';
import type { AppContext } from '../../context.js';
import { Conflict, Invalid, TooManyAttempts, Unauthorized } from '../../domain/core/errors.js';
import {
  isSessionLive,
  revokeSession,
  rotateRefreshToken,
  sessionOfRefreshToken,
  type IssuedRefresh,
} from '../../domain/staff/sessions.js';
import {
  assertAcceptablePassword,
  completeSetup,
  getStaff,
  staffNames,
  toStaffAccount,
  type StaffRow,
} from '../../domain/staff/accounts.js';
import {
  assertMayDisableOwnTwoFactor,
  beginTotpSetup,
  confirmTotpSetup,
  hasTwoFactor,
  removeTwoFactor,
  replaceRecoveryCodes,
  requiresTwoFactor,
  useTotp,
} from '../../domain/staff/twoFactor.js';
import { verifyPassword } from '../../security/passwords.js';
import { createGuessGuard, PASSWORD_LIMITS, SECOND_FACTOR_LIMITS } from '../../security/guessLimits.js';
import { requireStaff } from '../auth.js';
import { assertDisplayNameWithoutContact } from '../../domain/moderation/displayNames.js';
import { parseOrThrow } from '../errors.js';
import { openSignedInSession, signIn, signedInAs } from '../../commands/signIn.js';
import { auditFrom, bearerToken, currentStaff, requireCsrfHeader } from './authSupport.js';

const REFRESH_COOKIE_PATH = '/api/auth';

export function authRouter(ctx: AppContext): Router {
  const router = Router();
  // Shared with other nodes through Redis when it is configured, so a block holds whichever node answers.
  const guards = { password: createGuessGuard(PASSWORD_LIMITS, ctx.redis), secondFactor: createGuessGuard(SECOND_FACTOR_LIMITS, ctx.redis) };
  const audit = auditFrom(ctx);

  const setRefreshCookie = (res: Response, issued: IssuedRefresh): void => {
    res.cookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
      maxAge: Math.max(0, issued.expiresAt.getTime() - ctx.clock.now().getTime()),
    });
  };
  const clearRefreshCookie = (res: Response): void => {
    res.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH });
  };
  /** A Retry-After header for an attempt limit, then the error goes on to the error handler. */
  const withRetryAfter = async <T>(res: Response, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof TooManyAttempts && err.retryAfterSeconds !== undefined) res.set('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  };

  router.post('/api/auth/login', async (req, res) => {
    const body = parseOrThrow(signInBody, req.body);
    const outcome = await withRetryAfter(res, () => signIn(ctx, guards, { ...body, ipHash: ctx.hashIp(req.ip) }));
    if (outcome.status === 'signed_in') {
      setRefreshCookie(res, outcome.refresh);
      res.json(outcome.session satisfies SignInResponse);
      return;
    }
    res.json(outcome satisfies SignInResponse);
  });

  router.post('/api/auth/refresh', async (req, res) => {
    requireCsrfHeader(req);
    const token = readCookie(req, REFRESH_COOKIE);
    if (!token) throw new Unauthorized('Sign in to continue.');
    const result = await rotateRefreshToken(ctx.db, ctx.clock, token);
    if (!result.ok) {
      clearRefreshCookie(res);
      if (result.reason === 'reused') {
        ctx.logger.warn('auth.refresh_reused', { staffId: result.staffId, sessionId: result.sessionId });
        await ctx.live.revoke({ sessions: [result.sessionId] });
        await audit(req, {
          actorId: result.staffId,
          actorRole: 'system',
          action: 'auth.refresh_reuse_detected',
          targetType: 'session',
          targetId: result.sessionId,
          details: { revoked: true },
        });
      }
      throw new Unauthorized('Your session has ended. Please sign in again.');
    }
    const row = await getStaff(ctx.db, result.staffId);
    if (!row || row.status !== 'active' || (requiresTwoFactor(row.role) && !hasTwoFactor(row))) {
      await revokeSession(ctx.db, ctx.clock, result.sessionId, 'inactive');
      clearRefreshCookie(res);
      throw new Unauthorized('Your session has ended. Please sign in again.');
    }
    setRefreshCookie(res, result);
    res.json(signedInAs(ctx, row, result.sessionId) satisfies SignedIn);
  });

  router.post('/api/auth/logout', async (req, res) => {
    requireCsrfHeader(req);
    const token = readCookie(req, REFRESH_COOKIE);
    let session = token ? await sessionOfRefreshToken(ctx.db, token) : undefined;
    if (!session) {
      const bearer = bearerToken(req);
      try {
        const p = bearer ? ctx.tokens.verifyStaff(bearer) : undefined;
        if (p?.sessionId) session = { sessionId: p.sessionId, staffId: p.userId };
      } catch {
        // An expired or foreign token signs nothing out; the cookie is still cleared below.
      }
    }
    if (session && (await revokeSession(ctx.db, ctx.clock, session.sessionId, 'logout'))) {
      await ctx.live.revoke({ sessions: [session.sessionId] });
      const row = await getStaff(ctx.db, session.staffId);
      await audit(req, {
        actorId: session.staffId,
        actorRole: row?.role ?? 'unknown',
        action: 'auth.logout',
        targetType: 'session',
        targetId: session.sessionId,
      });
    }
    clearRefreshCookie(res);
    res.status(204).end();
  });

  router.get('/api/auth/me', requireStaff(ctx), async (req, res) => {
    const row = await currentStaff(ctx, req);
    res.json(toStaffAccount(row, await staffNames(ctx.db, [row.trainingRecordedBy])) satisfies StaffAccount);
  });

  // ---- two-factor

  /** The caller of a set-up endpoint: a signed-in staff member, or one holding an enrollment token. */
  const twoFactorCaller = async (req: Request): Promise<{ row: StaffRow; via: 'access' | 'enrollment' }> => {
    const token = bearerToken(req);
    if (!token) throw new Unauthorized('Sign in to continue.');
    let staffId: string;
    let via: 'access' | 'enrollment';
    let sessionId: string | undefined;
    try {
      const p = ctx.tokens.verifyStaff(token);
      staffId = p.userId;
      sessionId = p.sessionId;
      via = 'access';
    } catch {
      try {
        staffId = ctx.tokens.verifyEnrollment(token);
        via = 'enrollment';
      } catch {
        throw new Unauthorized('Sign in to continue.');
      }
    }
    const row = await getStaff(ctx.db, staffId);
    if (!row || row.status !== 'active') throw new Unauthorized('Sign in to continue.');
    if (sessionId && !(await isSessionLive(ctx.db, sessionId, row.id))) throw new Unauthorized('Sign in to continue.');
    return { row, via };
  };

  /** Wrong codes count with the sign-in's wrong codes: the second-factor limits, per account across addresses. */
  const guardedCode = async <T>(req: Request, res: Response, row: StaffRow, check: () => Promise<T>): Promise<T> => {
    const key = `2fa:${row.id}`;
    const ipHash = ctx.hashIp(req.ip);
    const guard = guards.secondFactor;
    const wait = await guard.blockedFor(key, ipHash);
    if (wait !== undefined) {
      res.set('Retry-After', String(wait));
      throw new TooManyAttempts(wait);
    }
    try {
      const result = await check();
      await guard.recordSuccess(key, ipHash);
      return result;
    } catch (err) {
      if (err instanceof Invalid || err instanceof Unauthorized) await guard.recordFailure(key, ipHash);
      throw err;
    }
  };

  router.post('/api/auth/2fa/setup', async (req, res) => {
    const { row } = await twoFactorCaller(req);
    res.json((await beginTotpSetup(ctx.db, ctx.cipher, row)) satisfies TotpSetup);
  });

  router.post('/api/auth/2fa/confirm', async (req, res) => {
    const { code } = parseOrThrow(totpConfirmBody, req.body);
    const { row, via } = await twoFactorCaller(req);
    const recoveryCodes = await guardedCode(req, res, row, () => confirmTotpSetup(ctx.db, ctx.clock, ctx.cipher, row, code));
    await audit(req, { actorId: row.id, actorRole: row.role, action: 'auth.2fa_enabled', targetType: 'staff', targetId: row.id });
    const body: TotpConfirmed = { recoveryCodes };
    if (via === 'enrollment') {
      const fresh = (await getStaff(ctx.db, row.id))!;
      const { session, refresh } = await openSignedInSession(ctx, fresh, 'password+totp_enrollment', ctx.hashIp(req.ip));
      setRefreshCookie(res, refresh);
      body.session = session;
    }
    res.json(body);
  });

  router.post('/api/auth/2fa/disable', requireStaff(ctx), async (req, res) => {
    const body = parseOrThrow(twoFactorDisableBody, req.body);
    const row = await currentStaff(ctx, req);
    assertMayDisableOwnTwoFactor(row);
    await guardedCode(req, res, row, async () => {
      const passwordOk = await verifyPassword(body.password, row.passwordHash);
      const codeOk = passwordOk && (await useTotp(ctx.db, ctx.clock, ctx.cipher, row, body.code));
      if (!codeOk) throw new Unauthorized('That password or code did not match.');
    });
    await removeTwoFactor(ctx.db, row.id);
    await audit(req, { actorId: row.id, actorRole: row.role, action: 'auth.2fa_disabled', targetType: 'staff', targetId: row.id });
    res.json(toStaffAccount((await getStaff(ctx.db, row.id))!) satisfies StaffAccount);
  });

  router.post('/api/auth/2fa/recovery-codes', requireStaff(ctx), async (req, res) => {
    const { code } = parseOrThrow(recoveryCodesBody, req.body);
    const row = await currentStaff(ctx, req);
    if (!hasTwoFactor(row)) throw new Conflict('Two-factor sign-in is not on.');
    await guardedCode(req, res, row, async () => {
      if (!(await useTotp(ctx.db, ctx.clock, ctx.cipher, row, code))) throw new Invalid('That code did not match.', 'code');
    });
    const recoveryCodes = await replaceRecoveryCodes(ctx.db, ctx.clock, row.id);
    await audit(req, {
      actorId: row.id,
      actorRole: row.role,
      action: 'auth.recovery_codes_regenerated',
      targetType: 'staff',
      targetId: row.id,
    });
    res.json({ recoveryCodes } satisfies RecoveryCodes);
  });

  // ---- the first admin

  router.post('/api/setup', async (req, res) => {
    const body = parseOrThrow(setupBody, req.body);
    assertAcceptablePassword(body.password, 'password', [body.email, body.displayName]);
    assertDisplayNameWithoutContact(body.displayName);
    const admin = await completeSetup(ctx.db, ctx.clock, body);
    ctx.logger.info('auth.first_admin_created', { staffId: admin.id });
    await audit(req, { actorId: admin.id, actorRole: 'admin', action: 'staff.first_admin_created', targetType: 'staff', targetId: admin.id });
    res.status(201).json(toStaffAccount(admin) satisfies StaffAccount);
  });

  return router;
}

/** One cookie's value from the Cookie header (no cookie parser is mounted: this is the only cookie the API reads). */
function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{16,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}
