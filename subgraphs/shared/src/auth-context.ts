import { timingSafeEqual, createHash } from 'node:crypto';
import { DomainError, unauthenticated } from './errors';
import type { AccessClaims, AccessTokenVerifier } from './jwt';
import { Role } from './roles';

/** Who is calling. `tokenError` keeps why a presented token was refused, for a precise error. */
export interface Caller {
  userId: string;
  roles: Role[];
  sessionId: string;
}

export interface AuthContext {
  caller: Caller | null;
  tokenError: DomainError | null;
}

export type Headers = Record<string, string | string[] | undefined> | Map<string, string>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers instanceof Map ? headers.get(name) : headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function authContextFromHeaders(headers: Headers, verifier: AccessTokenVerifier): AuthContext {
  const authorization = header(headers, 'authorization');
  if (!authorization) return { caller: null, tokenError: null };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  try {
    if (!match?.[1]) throw new Error('not a bearer token');
    const claims: AccessClaims = verifier.verify(match[1]);
    return { caller: { userId: claims.sub, roles: claims.roles, sessionId: claims.sid }, tokenError: null };
  } catch (error) {
    return { caller: null, tokenError: error instanceof DomainError ? error : unauthenticated('Access token is invalid.') };
  }
}

export function hasRole(caller: Caller | null, ...roles: Role[]): boolean {
  return caller !== null && caller.roles.some((role) => roles.includes(role));
}

/** Staff see everything a player cannot: operator dashboards, audits, administration. */
export const STAFF_ROLES: readonly Role[] = [Role.OPERATOR, Role.AUDITOR, Role.ADMIN];

export function isStaff(caller: Caller | null): boolean {
  return hasRole(caller, ...STAFF_ROLES);
}

/** Service-to-service credential: a shared secret sent as `x-service-token`. */
export const SERVICE_TOKEN_HEADER = 'x-service-token';

export function isServiceCall(headers: Headers, secret: string): boolean {
  const presented = header(headers, SERVICE_TOKEN_HEADER);
  if (!presented) return false;
  // Compare digests so the comparison is constant-time regardless of length.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}
