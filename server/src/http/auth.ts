// Bearer-token middleware: who is calling, pinned to the kind of token each route accepts.
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '@beside/shared';
import { visitorExists } from '../domain/conversations/visitors.js';
import type { AppContext } from '../context.js';
import { Forbidden, Unauthorized } from '../domain/core/errors.js';
import { getStaff } from '../domain/staff/accounts.js';
import { isSessionLive } from '../domain/staff/sessions.js';
import type { Principal } from '../security/tokens.js';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

function bearer(req: Request): string {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header);
  if (!match) throw new Unauthorized('Sign in to continue.');
  return match[1]!;
}

/**
 * The staff member behind a verified token, as they are now: suspended, disabled or signed-out (the token's session
 * revoked) is refused at once, not when the 15-minute token expires.
 */
async function currentStaff(ctx: AppContext, principal: { userId: string; sessionId?: string }) {
  const member = await getStaff(ctx.db, principal.userId);
  if (!member || member.status !== 'active') throw new Unauthorized('Sign in to continue.');
  if (principal.sessionId && !(await isSessionLive(ctx.db, principal.sessionId, member.id))) {
    throw new Unauthorized('Sign in to continue.');
  }
  return member;
}

/** Staff only (a visitor token is refused); optionally limited to some roles. */
export function requireStaff(ctx: AppContext, roles?: Role[]) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    let principal;
    try {
      principal = ctx.tokens.verifyStaff(bearer(req));
    } catch {
      throw new Unauthorized('Sign in to continue.');
    }
    const member = await currentStaff(ctx, principal);
    if (roles && !roles.includes(member.role)) throw new Forbidden();
    req.principal = { kind: 'staff', userId: member.id, role: member.role };
    next();
  };
}

/** A visitor or a staff member (a staff member checked as requireStaff does). */
export function requireAnyPrincipal(ctx: AppContext) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    let principal: Principal;
    try {
      principal = ctx.tokens.verify(bearer(req));
    } catch {
      throw new Unauthorized('Sign in to continue.');
    }
    if (principal.kind === 'staff') {
      const member = await currentStaff(ctx, principal);
      principal = { kind: 'staff', userId: member.id, role: member.role };
    } else if (!(await visitorExists(ctx.db, principal.visitorId))) {
      // Left by quick exit (or unknown): the token reads nothing any more.
      throw new Unauthorized('Sign in to continue.');
    }
    req.principal = principal;
    next();
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new Unauthorized();
  return req.principal;
}
