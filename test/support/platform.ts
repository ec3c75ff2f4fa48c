import { startPlatform, type RunningPlatform } from '../../scripts/platform';
import { testConfig } from './config';
import type { GraphQLResult } from './graphql-result';

export const TEST_ADMIN = { username: 'root_admin', password: 'root-admin-password' };

export interface TestPlatform extends RunningPlatform {
  /** POSTs an operation to the gateway over HTTP, as a client would. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>>;
  /** Signs up (or logs in) and returns tokens and id. */
  signUp(username: string, password?: string): Promise<{ id: string; token: string; refreshToken: string }>;
  logIn(username: string, password?: string, deviceId?: string): Promise<{ id: string; token: string; refreshToken: string }>;
}

const DEFAULT_PASSWORD = 'correct horse battery';

/** One HTTP answer to a GraphQL POST: the parsed body and its raw text, status and headers. */
export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: GraphQLResult<T>;
  text: string;
}

/** POSTs a JSON body (`{ query, variables, ... }`) to any GraphQL URL, as a client would. */
export async function postGraphQL<T = Record<string, any>>(url: string | URL, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as GraphQLResult<T>, text };
}

/** The authorization header for a bearer token; none without one. */
export function bearer(token?: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * The whole platform on free loopback ports: users, events and the gateway over real HTTP,
 * memory stores (or MongoDB when MONGODB_URI is set), a seeded ADMIN.
 */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const platform = await startPlatform(
    testConfig({ ADMIN_USERNAME: TEST_ADMIN.username, ADMIN_PASSWORD: TEST_ADMIN.password, DELIVERY_RETRY_INTERVAL_MS: '100', ...env }),
  );
  const request = async <T,>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> =>
    (await postGraphQL<T>(platform.url, { query, variables }, bearer(token))).body;
  const auth = async (mutation: 'signUp' | 'logIn', username: string, password: string, deviceId?: string) => {
    const result = await request<Record<string, { accessToken: string; refreshToken: string; user: { id: string } }>>(
      `mutation($input: CredentialsInput!) { ${mutation}(input: $input) { accessToken refreshToken user { id } } }`,
      { input: { username, password, ...(deviceId ? { deviceId } : {}) } },
    );
    const payload = result.data?.[mutation];
    if (!payload) throw new Error(`${mutation} failed: ${JSON.stringify(result.errors)}`);
    return { id: payload.user.id, token: payload.accessToken, refreshToken: payload.refreshToken };
  };
  return {
    ...platform,
    request,
    signUp: (username, password = DEFAULT_PASSWORD) => auth('signUp', username, password),
    logIn: (username, password = DEFAULT_PASSWORD, deviceId) => auth('logIn', username, password, deviceId),
  };
}
