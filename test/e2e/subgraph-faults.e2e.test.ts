import { startGateway } from '../../gateway/src/server';
import { freePort } from '../../scripts/service-process';
import { startEventsService } from '../../subgraphs/events/src/server';
import { startUsersService } from '../../subgraphs/users/src/server';
import type { PlatformConfig, RunningHttpService } from '@platform/shared';
import { testConfig } from '../support/config';
import { dataOf, type GraphQLResult } from '../support/graphql-result';
import { bearer, postGraphQL, TEST_ADMIN } from '../support/platform';
import { ToggleProxy } from '../support/toggle-proxy';

/**
 * A subgraph that is down (nothing listening, or a 503 from what fronts it) or frozen
 * (accepts the request, never answers): every operation that needs it answers a retryable
 * SERVICE_UNAVAILABLE with `retryAfterSeconds`, bounded by SUBGRAPH_TIMEOUT_MS, and fields
 * from the other subgraph keep their data. events' own calls to users are bounded below
 * the gateway's, so a claim reports the slow users service itself and records nothing.
 */
const DAY = 86_400_000;
const TIMEOUTS = { SUBGRAPH_TIMEOUT_MS: '1500', INTERNAL_CALL_TIMEOUT_MS: '300' };

const ME = `{ me { id username } }`;
const EVENTS = `{ events(first: 5) { edges { node { id title } } } }`;
const ME_AND_EVENTS = `{ me { id } events(first: 5) { edges { node { id } } } }`;
const LOG_IN = `mutation($i: CredentialsInput!) { logIn(input: $i) { accessToken } }`;
const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`;

/** A loopback URL nobody listens on: a subgraph that is down. */
const deadUrl = async () => `http://127.0.0.1:${await freePort()}/graphql`;

async function post<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> {
  return (await postGraphQL<T>(url, { query, variables }, bearer(token))).body;
}

/** The only error is a retryable SERVICE_UNAVAILABLE that names no internals. */
function expectUnavailable(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  expect(result.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 });
  expect(JSON.stringify(result.errors)).not.toMatch(/127\.0\.0\.1|ECONN|stack|timeout/i);
}

describe('a subgraph down or frozen', () => {
  const services: { stop(): Promise<void> }[] = [];
  let config: PlatformConfig;
  let users: RunningHttpService;
  let events: RunningHttpService;
  let usersProxy: ToggleProxy;
  let eventsProxy: ToggleProxy;
  /** Reaches both subgraphs through the proxies. */
  let gateway: string;
  let adminToken: string;
  let playerToken: string;
  let eventId: string;

  const startGatewayWith = async (urls: { users: string; events: string }) => {
    const started = await startGateway({ ...config, urls });
    services.unshift(started);
    return started.url;
  };

  beforeAll(async () => {
    config = testConfig({ ADMIN_USERNAME: TEST_ADMIN.username, ADMIN_PASSWORD: TEST_ADMIN.password, ...TIMEOUTS });
    users = await startUsersService(config);
    services.unshift(users);
    usersProxy = await ToggleProxy.start(users.url);
    services.unshift(usersProxy);
    // events reaches users through the same proxy, so freezing users freezes its internal routes too.
    events = await startEventsService({ ...config, urls: { ...config.urls, users: usersProxy.url } });
    services.unshift(events);
    eventsProxy = await ToggleProxy.start(events.url);
    services.unshift(eventsProxy);
    gateway = await startGatewayWith({ users: usersProxy.url, events: eventsProxy.url });

    adminToken = dataOf(await post(gateway, LOG_IN, { i: TEST_ADMIN })).logIn.accessToken;
    const signedUp = dataOf(await post(gateway, `mutation { signUp(input: { username: "faulty_fay", password: "correct horse battery" }) { accessToken } }`));
    playerToken = signedUp.signUp.accessToken;
    const input = { title: 'Outage sale', startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString(), rewards: [{ currency: { currency: 'COIN', amount: 5 } }] };
    eventId = dataOf(await post(gateway, `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, { input }, adminToken)).createEvent.id;
  });
  afterEach(() => {
    for (const proxy of [usersProxy, eventsProxy]) {
      proxy.frozen.clear();
      proxy.failing.clear();
    }
  });
  afterAll(async () => {
    for (const service of services) await service.stop();
  });

  const claimsOfEvent = async () =>
    dataOf(await post(gateway, `query($id: ID!) { rewardClaims(first: 1, filter: { eventId: $id }) { totalCount } }`, { id: eventId }, adminToken)).rewardClaims.totalCount as number;

  test('users frozen: me and logIn are SERVICE_UNAVAILABLE after the bound, events still answer beside me', async () => {
    usersProxy.frozen.add('/graphql');
    const me = await post(gateway, ME, {}, playerToken);
    expectUnavailable(me);
    expect(me.data).toEqual({ me: null });
    expectUnavailable(await post(gateway, LOG_IN, { i: TEST_ADMIN }));

    const partial = await post<{ me: unknown; events: { edges: { node: { id: string } }[] } }>(gateway, ME_AND_EVENTS, {}, playerToken);
    expectUnavailable(partial);
    expect(partial.data?.me).toBeNull();
    expect(partial.data?.events.edges.map((edge) => edge.node.id)).toContain(eventId);
  });

  test('users frozen behind events: claimReward is SERVICE_UNAVAILABLE from events itself, nothing recorded', async () => {
    usersProxy.frozen.add('/internal/profiles');
    expectUnavailable(await post(gateway, CLAIM, { id: eventId }, playerToken));
    expect(await claimsOfEvent()).toBe(0);
  });

  test('events frozen: events and claimReward are SERVICE_UNAVAILABLE, me still answers beside events', async () => {
    eventsProxy.frozen.add('/graphql');
    expectUnavailable(await post(gateway, EVENTS, {}, playerToken));
    expectUnavailable(await post(gateway, CLAIM, { id: eventId }, playerToken));

    const partial = await post<{ me: { id: string } | null; event: unknown }>(gateway, `query($id: ID!) { me { id } event(id: $id) { id } }`, { id: eventId }, playerToken);
    expectUnavailable(partial);
    expect(partial.data?.event).toBeNull();
    expect(partial.data?.me?.id).toBeTruthy();
    eventsProxy.frozen.clear();
    expect(await claimsOfEvent()).toBe(0);
  });

  test('a 503 from whatever fronts a subgraph is SERVICE_UNAVAILABLE too', async () => {
    usersProxy.failing.add('/graphql');
    expectUnavailable(await post(gateway, ME, {}, playerToken));
    eventsProxy.failing.add('/graphql');
    expectUnavailable(await post(gateway, EVENTS, {}, playerToken));
  });

  test('users down (nothing listening): me and logIn are SERVICE_UNAVAILABLE, events still answer beside me', async () => {
    const withoutUsers = await startGatewayWith({ users: await deadUrl(), events: events.url });
    expectUnavailable(await post(withoutUsers, ME, {}, playerToken));
    expectUnavailable(await post(withoutUsers, LOG_IN, { i: TEST_ADMIN }));
    const partial = await post<{ me: unknown; events: { edges: { node: { id: string } }[] } }>(withoutUsers, ME_AND_EVENTS, {}, playerToken);
    expectUnavailable(partial);
    expect(partial.data?.events.edges.map((edge) => edge.node.id)).toContain(eventId);
  });

  test('events down (nothing listening): events and claimReward are SERVICE_UNAVAILABLE, me still answers', async () => {
    const withoutEvents = await startGatewayWith({ users: users.url, events: await deadUrl() });
    expectUnavailable(await post(withoutEvents, EVENTS, {}, playerToken));
    expectUnavailable(await post(withoutEvents, CLAIM, { id: eventId }, playerToken));
    expect(dataOf(await post<{ me: { id: string } }>(withoutEvents, ME, {}, playerToken)).me.id).toBeTruthy();
  });
});
