// JWTs for staff and visitors: HS256 pinned, issuer, audience and token type always checked.
import jwt from 'jsonwebtoken';
import type { Role } from '@beside/shared';

const ISSUER = 'beside';
export const AUDIENCE = { staff: 'beside:staff', visitor: 'beside:visitor' } as const;
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const VISITOR_TOKEN_SECONDS = 12 * 60 * 60;
/** Long enough to open an authenticator app and type two codes; nothing but enrollment accepts it. */
export const ENROLLMENT_TOKEN_SECONDS = 10 * 60;

export interface StaffClaims {
  typ: 'access';
  sub: string;
  role: Role;
  /** The session (refresh-token family) this token was issued in; revoking it refuses the token at once. */
  sid?: string;
}
export interface VisitorClaims {
  typ: 'visitor';
  sub: string;
}
/** Proves a correct password for a moderator or admin who must set up two-factor before any access token. */
export interface EnrollmentClaims {
  typ: 'totp_enrollment';
  sub: string;
}

export type Principal =
  | { kind: 'staff'; userId: string; role: Role; sessionId?: string }
  | { kind: 'visitor'; visitorId: string };

export interface TokenService {
  /**
   * `sessionId` is always given by the sign-in and refresh paths; tokens without one (test fixtures, tools) are
   * still checked against the account's status on every request and connection.
   */
  signAccess(userId: string, role: Role, sessionId?: string): string;
  signVisitor(visitorId: string): string;
  signEnrollment(userId: string): string;
  /** Verifies either kind; throws on anything else (bad signature, alg, iss, aud, typ, expiry). */
  verify(token: string): Principal;
  verifyStaff(token: string): Extract<Principal, { kind: 'staff' }>;
  /** The staff id in a valid enrollment token; throws for every other token. */
  verifyEnrollment(token: string): string;
}

export function createTokenService(secret: string): TokenService {
  const verifyAs = (token: string, audience: string): jwt.JwtPayload => {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience });
    if (typeof payload === 'string' || typeof payload.sub !== 'string') throw new Error('Malformed token');
    return payload;
  };
  const verifyStaff = (token: string): Extract<Principal, { kind: 'staff' }> => {
    const p = verifyAs(token, AUDIENCE.staff);
    if (p.typ !== 'access' || typeof p.role !== 'string') throw new Error('Wrong token type');
    if (p.sid !== undefined && typeof p.sid !== 'string') throw new Error('Malformed token');
    return { kind: 'staff', userId: p.sub!, role: p.role as Role, ...(p.sid ? { sessionId: p.sid as string } : {}) };
  };
  const verifyVisitor = (token: string): Principal => {
    const p = verifyAs(token, AUDIENCE.visitor);
    if (p.typ !== 'visitor') throw new Error('Wrong token type');
    return { kind: 'visitor', visitorId: p.sub! };
  };
  return {
    signAccess: (userId, role, sessionId) =>
      jwt.sign(
        { typ: 'access', role, ...(sessionId ? { sid: sessionId } : {}) } satisfies Omit<StaffClaims, 'sub'>,
        secret,
        { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE.staff, subject: userId, expiresIn: ACCESS_TOKEN_SECONDS },
      ),
    signVisitor: (visitorId) =>
      jwt.sign({ typ: 'visitor' } satisfies Omit<VisitorClaims, 'sub'>, secret, {
        algorithm: 'HS256',
        issuer: ISSUER,
        audience: AUDIENCE.visitor,
        subject: visitorId,
        expiresIn: VISITOR_TOKEN_SECONDS,
      }),
    signEnrollment: (userId) =>
      jwt.sign({ typ: 'totp_enrollment' } satisfies Omit<EnrollmentClaims, 'sub'>, secret, {
        algorithm: 'HS256',
        issuer: ISSUER,
        audience: AUDIENCE.staff,
        subject: userId,
        expiresIn: ENROLLMENT_TOKEN_SECONDS,
      }),
    verify(token) {
      const decoded = jwt.decode(token, { json: true });
      const aud = decoded?.aud;
      return aud === AUDIENCE.visitor ? verifyVisitor(token) : verifyStaff(token);
    },
    verifyStaff,
    verifyEnrollment(token) {
      const p = verifyAs(token, AUDIENCE.staff);
      if (p.typ !== 'totp_enrollment') throw new Error('Wrong token type');
      return p.sub!;
    },
  };
}
