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

/**
 * The whole platform on free loopback ports: users, events and the gateway over real HTTP,
 * memory stores (or MongoDB when MONGODB_URI is set), a seeded ADMIN.
 */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const platform = await startPlatform(
    testConfig({ ADMIN_USERNAME: TEST_ADMIN.username, ADMIN_PASSWORD: TEST_ADMIN.password, DELIVERY_RETRY_INTERVAL_MS: '100', ...env }),
  );
  const request = async <T,>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> => {
    const response = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
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
