import { ManualClock, Role } from '@platform/shared';
import { createUsersApp, type UsersApp } from '../../subgraphs/users/src/server';
import { createMemoryUsersStores } from '../../subgraphs/users/src/store/memory';
import type { UsersStores } from '../../subgraphs/users/src/store/ports';
import { testConfig } from './config';
import { executeWithToken } from './execute';
import type { GraphQLResult } from './graphql-result';

/** The users subgraph's real schema and context, executed in-process. */
export class UsersHarness {
  private constructor(
    readonly app: UsersApp,
    readonly clock: ManualClock,
  ) {}

  static async create(options: { stores?: UsersStores; env?: Record<string, string>; clock?: ManualClock } = {}): Promise<UsersHarness> {
    const clock = options.clock ?? new ManualClock();
    const app = await createUsersApp(testConfig(options.env), options.stores ?? createMemoryUsersStores(), { clock });
    await app.apollo.start();
    return new UsersHarness(app, clock);
  }

  async run<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> {
    return executeWithToken(this.app.apollo, this.app.contextFor, query, variables, token);
  }

  async signUp(username: string, password = 'correct horse battery', deviceId = 'default') {
    const result = await this.run<{ signUp: { accessToken: string; refreshToken: string; user: { id: string } } }>(
      `mutation($input: CredentialsInput!) { signUp(input: $input) { accessToken refreshToken user { id } } }`,
      { input: { username, password, deviceId } },
    );
    const payload = result.data?.signUp;
    if (!payload) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
    return { token: payload.accessToken, refreshToken: payload.refreshToken, id: payload.user.id };
  }

  /** A signed-up user holding `roles`, with a fresh token that carries them. */
  async userWithRoles(username: string, roles: Role[]) {
    const user = await this.signUp(username);
    await this.app.stores.users.setRoles(user.id, roles);
    const result = await this.run<{ logIn: { accessToken: string } }>(
      `mutation($input: CredentialsInput!) { logIn(input: $input) { accessToken } }`,
      { input: { username, password: 'correct horse battery' } },
    );
    const token = result.data?.logIn.accessToken;
    if (!token) throw new Error(`logIn failed: ${JSON.stringify(result.errors)}`);
    return { ...user, token };
  }

  stop() {
    return this.app.apollo.stop();
  }
}
