import { PlatformClient, SetRolesDocument, type CreateEventInput } from '../../../client/src';
import { startTestPlatform, TEST_ADMIN, type TestPlatform } from '../../support/platform';

/** Shared by the typed-client end-to-end files: one platform per file, an admin and a promoted operator. */
export const DAY = 86_400_000;
export const PASSWORD = 'correct horse battery';
export let platform: TestPlatform;
export let admin: PlatformClient;
export let operator: PlatformClient;
export let operatorId: string;

/** Counts the requests a client makes, by operation name. */
export function countingFetch(): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const counting: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { operationName?: string }) : {};
    calls.push(body.operationName ?? '(anonymous)');
    return fetch(input, init);
  };
  return { fetch: counting, calls };
}

export async function newPlayer(username: string): Promise<PlatformClient> {
  const client = new PlatformClient({ url: platform.url });
  await client.signUp({ username, password: PASSWORD });
  await client.logIn({ username, password: PASSWORD }); // a second play session the same day
  return client;
}

export function window(): Pick<CreateEventInput, 'startsAt' | 'endsAt'> {
  return { startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + 7 * DAY).toISOString() };
}

/** Starts the platform for the calling file and logs in the admin and the operator. */
export function useClientPlatform(): void {
  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = new PlatformClient({ url: platform.url });
    const adminLogin = await admin.logIn(TEST_ADMIN);
    expect(adminLogin.user.roles).toContain('ADMIN');

    // A new account is [USER]; the admin promotes it and the new role arrives with the next token.
    operator = new PlatformClient({ url: platform.url });
    operatorId = (await operator.signUp({ username: 'client_olga', password: PASSWORD })).user.id;
    const promoted = await admin.execute(SetRolesDocument, { userId: operatorId, roles: ['USER', 'OPERATOR'] });
    expect(promoted.setRoles.roles).toEqual(expect.arrayContaining(['USER', 'OPERATOR']));
    const relogged = await operator.logIn({ username: 'client_olga', password: PASSWORD });
    expect(relogged.user.roles).toContain('OPERATOR');
  });
  afterAll(() => platform.stop());
}
