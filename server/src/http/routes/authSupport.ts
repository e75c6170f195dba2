// Small pieces the staff routes share: the audit writer with the caller's hashed IP, bearer and CSRF checks.
import type { Request } from 'express';
import { CSRF_HEADER } from '@beside/shared';
import type { AppContext } from '../../context.js';
import { recordAudit, type AuditEntry } from '../../domain/core/audit.js';
import { Forbidden, Unauthorized } from '../../domain/core/errors.js';
import { getStaff, type StaffRow } from '../../domain/staff/accounts.js';
import { principalOf } from '../auth.js';

/** Writes an audit row from the hashed IP of this request (never the IP itself). */
export function auditFrom(ctx: AppContext) {
  return (req: Request, entry: Omit<AuditEntry, 'ipHash'>): Promise<void> =>
    recordAudit(ctx.db, ctx.clock, { ...entry, ipHash: ctx.hashIp(req.ip) });
}

export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(req.get('authorization') ?? '');
  return match?.[1];
}

/**
 * Endpoints that act on the refresh cookie need `X-Beside-CSRF: 1`: a page on another site can make the browser
 * send the cookie (SameSite=Strict aside) but cannot add a custom header without a CORS preflight we never allow.
 */
export function requireCsrfHeader(req: Request): void {
  if (req.get(CSRF_HEADER) !== '1') throw new Forbidden(`This request needs the ${CSRF_HEADER}: 1 header.`);
}

/** The signed-in staff member's row (after requireStaff). */
export async function currentStaff(ctx: AppContext, req: Request): Promise<StaffRow> {
  const principal = principalOf(req);
  const row = principal.kind === 'staff' ? await getStaff(ctx.db, principal.userId) : undefined;
  if (!row) throw new Unauthorized();
  return row;
}
