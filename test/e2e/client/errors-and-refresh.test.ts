/** The typed client against the whole platform over real HTTP: error codes and the transparent token refresh. */
import { CreateEventDocument, GraphQLRequestError, MeDocument, PlatformClient, PlayerEventsDocument, type SessionTokens } from '../../../client/src';
import { useClientPlatform, PASSWORD, platform, operator, countingFetch, window } from './platform-clients';

useClientPlatform();

describe('errors', () => {
  test('a player calling createEvent gets a GraphQLRequestError with code FORBIDDEN, without a refresh', async () => {
    const counter = countingFetch();
    const player = new PlatformClient({ url: platform.url, fetch: counter.fetch });
    await player.signUp({ username: 'client_nosy', password: PASSWORD });
    const attempt = player.execute(CreateEventDocument, { input: { title: 'Nope', ...window(), rewards: [{ coupon: { couponId: 'x', quantity: 1 } }] } });
    await expect(attempt).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN', codes: ['FORBIDDEN'], operationName: 'CreateEvent' });
    expect(counter.calls).toEqual(['SignUp', 'CreateEvent']);
  });

  test('bad input names the field; wrong credentials are UNAUTHENTICATED and never trigger a refresh', async () => {
    const error = await operator
      .execute(CreateEventDocument, { input: { title: 'Backwards', startsAt: window().endsAt, endsAt: window().startsAt, rewards: [{ coupon: { couponId: 'x', quantity: 1 } }] } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).code).toBe('BAD_USER_INPUT');
    expect((error as GraphQLRequestError).extension('field')).toEqual(expect.stringContaining('endsAt'));

    const counter = countingFetch();
    const client = new PlatformClient({ url: platform.url, fetch: counter.fetch, refreshToken: 'some-refresh-token' });
    await expect(client.logIn({ username: 'client_olga', password: 'wrong password!' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(counter.calls).toEqual(['LogIn']);
  });

  test('an unreachable gateway is a NETWORK_ERROR', async () => {
    const client = new PlatformClient({ url: 'http://127.0.0.1:1/graphql', timeoutMs: 5000 });
    await expect(client.execute(MeDocument)).rejects.toMatchObject({ code: 'NETWORK_ERROR', name: 'GraphQLRequestError' });
  });
});

describe('token refresh', () => {
  test('a garbage access token with a valid refresh token: the call succeeds after one automatic refresh', async () => {
    const counter = countingFetch();
    const seen: (SessionTokens | null)[] = [];
    const client = new PlatformClient({ url: platform.url, fetch: counter.fetch, onTokens: (tokens) => void seen.push(tokens) });
    await client.signUp({ username: 'client_refresh', password: PASSWORD });
    const before = client.tokens!;

    client.setAccessToken('garbage.not-a-jwt');
    const { me } = await client.execute(MeDocument);
    expect(me?.username).toBe('client_refresh');
    expect(counter.calls).toEqual(['SignUp', 'Me', 'RefreshSession', 'Me']);
    // The refresh token rotated, and the new pair was reported for storage.
    expect(client.tokens!.refreshToken).not.toBe(before.refreshToken);
    expect(client.tokens!.accessToken).not.toBe('garbage.not-a-jwt');
    expect(seen.at(-1)).toEqual(client.tokens);
  });

  test('concurrent calls share one refresh (a refresh token presented twice would revoke the session)', async () => {
    const counter = countingFetch();
    const client = new PlatformClient({ url: platform.url, fetch: counter.fetch });
    await client.signUp({ username: 'client_parallel', password: PASSWORD });
    client.setAccessToken('expired-or-worse');
    const results = await Promise.all([client.execute(MeDocument), client.execute(MeDocument), client.execute(PlayerEventsDocument, { first: 5 })]);
    expect(results[0].me?.username).toBe('client_parallel');
    expect(counter.calls.filter((name) => name === 'RefreshSession')).toHaveLength(1);
    // And the session still works afterwards.
    expect((await client.execute(MeDocument)).me?.username).toBe('client_parallel');
  });

  test('without a refresh token the UNAUTHENTICATED error comes straight back', async () => {
    const client = new PlatformClient({ url: platform.url, accessToken: 'garbage' });
    await expect(client.execute(MeDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('logOut ends the session and forgets the tokens', async () => {
    const client = new PlatformClient({ url: platform.url });
    await client.signUp({ username: 'client_leaver', password: PASSWORD });
    const { refreshToken } = client.tokens!;
    expect(await client.logOut()).toBe(true);
    expect(client.tokens).toBeNull();
    const stale = new PlatformClient({ url: platform.url, refreshToken });
    await expect(stale.refreshSession()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
