import type { IncomingMessage } from 'node:http';
import jwt from 'jsonwebtoken';
import { SERVICE_TOKEN_HEADER, type Role } from '@platform/shared';
import type { GraphQLResult } from '../../../test/support/graphql-result';
import type { UsersHarness } from '../../../test/support/users-harness';

/** Shared by the users subgraph's test files (not a test file itself). */

export const PASSWORD = 'correct horse battery';
export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;

export const PROFILE_FIELDS = `cash coins inventory { itemId quantity } coupons { couponId quantity }
  loginStats { totalLogins loginDays currentStreak lastLoginAt daysAwayBeforeLastLogin }`;

const AUTH_FIELDS = `accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
  user { id username roles createdAt bannedUntil profile { ${PROFILE_FIELDS} } }`;

export const SIGN_UP = `mutation($input: CredentialsInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`;
export const LOG_IN = `mutation($input: CredentialsInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`;
export const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { ${AUTH_FIELDS} } }`;
export const ME = `{ me { id username roles bannedUntil profile { ${PROFILE_FIELDS} } } }`;
export const USER = `query($id: ID!) { user(id: $id) { id username roles bannedUntil profile { ${PROFILE_FIELDS} } } }`;

export interface LoginStatsData {
  totalLogins: number;
  loginDays: number;
  currentStreak: number;
  lastLoginAt: string | null;
  daysAwayBeforeLastLogin: number;
}

export interface ProfileData {
  cash: number;
  coins: number;
  inventory: { itemId: string; quantity: number }[];
  coupons: { couponId: string; quantity: number }[];
  loginStats: LoginStatsData;
}

export interface UserData {
  id: string;
  username: string;
  roles: Role[];
  createdAt?: string;
  bannedUntil: string | null;
  profile: ProfileData;
}

export interface AuthPayloadData {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: UserData;
}

export interface Credentials {
  username: string;
  password?: string;
  deviceId?: string;
}

const input = ({ username, password = PASSWORD, deviceId }: Credentials) => ({
  input: { username, password, ...(deviceId === undefined ? {} : { deviceId }) },
});

export const signUp = (h: UsersHarness, credentials: Credentials) =>
  h.run<{ signUp: AuthPayloadData }>(SIGN_UP, input(credentials));

export const logIn = (h: UsersHarness, credentials: Credentials) =>
  h.run<{ logIn: AuthPayloadData }>(LOG_IN, input(credentials));

export const refresh = (h: UsersHarness, token: string) => h.run<{ refreshSession: AuthPayloadData }>(REFRESH, { token });

export function errorMessage(result: GraphQLResult<unknown>): string | undefined {
  return result.errors?.[0]?.message;
}

export function errorField(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.['field'];
}

export interface AccessTokenPayload {
  sub: string;
  roles: Role[];
  sid: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

/** The claims of an access token, read without verifying (the tests verify by using it). */
export function claimsOf(token: string): AccessTokenPayload {
  const payload = jwt.decode(token);
  if (payload === null || typeof payload === 'string') throw new Error('not a JWT with a JSON payload');
  return payload as AccessTokenPayload;
}

/** A request as node:http hands it to an internal route; the routes read only the headers. */
export function requestWith(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

/** The service secret the harness is configured with (test/support/config.ts). */
export const SERVICE_SECRET = 'test-service-secret';
export const asService: Record<string, string> = { [SERVICE_TOKEN_HEADER]: SERVICE_SECRET };

/** Calls one of the app's internal routes as node:http would; by default with the service credential. */
export function callInternal(h: UsersHarness, path: string, body: unknown, headers: Record<string, string> = asService) {
  const handler = h.app.routes[path];
  if (!handler) throw new Error(`no route ${path}`);
  return handler(requestWith(headers), body);
}
