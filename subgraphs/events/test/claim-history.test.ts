import { Role } from '@platform/shared';
import { EventsHarness } from '../../../test/support/events-harness';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { admin, auditor, callerWith, operator, player, type TestCaller } from '../../../test/support/tokens';

const CLAIMS = `query($filter: ClaimFilter, $first: Int, $after: String) {
  rewardClaims(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id status rejectionReason createdAt user { id } event { id title } } }
  }
}`;

interface ClaimsPage {
  rewardClaims: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; status: string; rejectionReason: string | null; createdAt: string; user: { id: string }; event: { id: string; title: string } } }[];
  };
}

let h: EventsHarness;
const op = operator();
let alice: TestCaller;
let bob: TestCaller;
let events: { id: string }[];

beforeEach(async () => {
  h = await EventsHarness.create();
  alice = player();
  bob = player();
  h.players.set(alice.id);
  h.players.set(bob.id);
  events = [];
  for (let i = 0; i < 3; i++) events.push(await h.createEvent(op.token, { title: `Event ${i}` }));
  // alice: 3 grants + 1 rejection; bob: 1 grant. One second apart, so "newest first" is observable.
  for (const [caller, event] of [[alice, events[0]], [alice, events[1]], [bob, events[0]], [alice, events[2]], [alice, events[0]]] as const) {
    h.clock.advance(1000);
    await h.run(`mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`, { id: event!.id }, caller.token);
  }
});
afterEach(() => h.stop());

const list = async (token: string, variables: Record<string, unknown> = {}) => dataOf(await h.run<ClaimsPage>(CLAIMS, variables, token)).rewardClaims;

test('a player sees only their own claims, whatever filter.userId says', async () => {
  const own = await list(alice.token);
  expect(own.totalCount).toBe(4);
  expect(own.edges.every((edge) => edge.node.user.id === alice.id)).toBe(true);
  const snooping = await list(alice.token, { filter: { userId: bob.id } });
  expect(snooping.totalCount).toBe(4);
  expect(snooping.edges.every((edge) => edge.node.user.id === alice.id)).toBe(true);
});

test.each([['OPERATOR', operator], ['AUDITOR', auditor], ['ADMIN', admin]] as const)('%s sees every claim and can filter by user', async (_role, make) => {
  const staff = make();
  expect((await list(staff.token)).totalCount).toBe(5);
  const bobs = await list(staff.token, { filter: { userId: bob.id } });
  expect(bobs.totalCount).toBe(1);
  expect(bobs.edges[0]?.node.user.id).toBe(bob.id);
});

test('anonymous callers are refused', async () => {
  expect(errorCode(await h.run(CLAIMS, {}))).toBe('UNAUTHENTICATED');
});

test('newest first, with filters on event, status and creation time', async () => {
  const staff = auditor();
  const all = await list(staff.token);
  const times = all.edges.map((edge) => Date.parse(edge.node.createdAt));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  expect((await list(staff.token, { filter: { eventId: events[0]!.id } })).totalCount).toBe(3);
  const rejected = await list(staff.token, { filter: { status: 'REJECTED' } });
  expect(rejected.totalCount).toBe(1);
  expect(rejected.edges[0]?.node.rejectionReason).toBe('ALREADY_CLAIMED');
  const middle = all.edges[2]!.node.createdAt;
  expect((await list(staff.token, { filter: { createdAfter: middle } })).totalCount).toBe(2);
  expect((await list(staff.token, { filter: { createdBefore: middle } })).totalCount).toBe(2);
  expect((await list(staff.token, { filter: { eventId: 'nonsense' } })).totalCount).toBe(0);
});

test('paging through every claim: no gaps, no duplicates, hasNextPage false at the end', async () => {
  const staff = admin();
  const everything = (await list(staff.token, { first: 100 })).edges.map((edge) => edge.node.id);
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 10; pages++) {
    const page = await list(staff.token, { first: 2, after });
    expect(page.totalCount).toBe(5);
    seen.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toEqual(everything);
  expect(new Set(seen).size).toBe(5);
});

test('claims made while paging do not shift later pages (keyset cursors)', async () => {
  const staff = admin();
  const first = await list(staff.token, { first: 2 });
  h.clock.advance(1000);
  const carol = player();
  h.players.set(carol.id);
  await h.run(`mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`, { id: events[1]!.id }, carol.token);
  const rest = await list(staff.token, { first: 10, after: first.pageInfo.endCursor });
  expect(rest.edges).toHaveLength(3);
  expect(rest.edges.map((edge) => edge.node.id)).not.toContain(first.edges[0]?.node.id);
});

test('bad paging arguments are BAD_USER_INPUT', async () => {
  expect(errorCode(await h.run(CLAIMS, { first: 0 }, alice.token))).toBe('BAD_USER_INPUT');
  expect(errorCode(await h.run(CLAIMS, { first: 101 }, alice.token))).toBe('BAD_USER_INPUT');
  expect(errorCode(await h.run(CLAIMS, { after: 'garbage' }, alice.token))).toBe('BAD_USER_INPUT');
});

test('a page of claims loads its events with one store query', async () => {
  const findByIds = jest.spyOn(h.app.stores.events, 'findByIds');
  const findById = jest.spyOn(h.app.stores.events, 'findById');
  const page = await list(admin().token, { first: 5 });
  expect(new Set(page.edges.map((edge) => edge.node.event.id)).size).toBe(3);
  expect(findByIds).toHaveBeenCalledTimes(1);
  expect(findById).not.toHaveBeenCalled();
});

describe('User.rewardClaims (federated onto User)', () => {
  const USER_CLAIMS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { rewardClaims(first: 10) { totalCount edges { node { user { id } } } } } } }`;

  test('the player themself and staff may read it', async () => {
    for (const caller of [alice, operator(), auditor(), admin()]) {
      const result = dataOf(await h.run<{ _entities: { rewardClaims: { totalCount: number } }[] }>(USER_CLAIMS, { reps: [{ __typename: 'User', id: alice.id }] }, caller.token));
      expect(result._entities[0]?.rewardClaims.totalCount).toBe(4);
    }
  });

  test("another player may not read someone else's claims", async () => {
    expect(errorCode(await h.run(USER_CLAIMS, { reps: [{ __typename: 'User', id: alice.id }] }, bob.token))).toBe('FORBIDDEN');
  });
});

test('RewardClaim entities resolve for their owner and staff, null for other players', async () => {
  const aliceClaims = await list(alice.token);
  const id = aliceClaims.edges[0]!.node.id;
  const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on RewardClaim { id status } } }`;
  const reps = [{ __typename: 'RewardClaim', id }];
  expect(dataOf(await h.run<{ _entities: unknown[] }>(query, { reps }, alice.token))._entities[0]).toMatchObject({ id });
  expect(dataOf(await h.run<{ _entities: unknown[] }>(query, { reps }, auditor().token))._entities[0]).toMatchObject({ id });
  expect(dataOf(await h.run<{ _entities: unknown[] }>(query, { reps }, bob.token))._entities[0]).toBeNull();
  const mixedRoles = callerWith([Role.USER, Role.AUDITOR]);
  expect(dataOf(await h.run<{ _entities: unknown[] }>(query, { reps }, mixedRoles.token))._entities[0]).toMatchObject({ id });
});

test('several RewardClaim references resolve with one store query', async () => {
  const ids = (await list(admin().token, { first: 5 })).edges.map((edge) => edge.node.id);
  const findByIds = jest.spyOn(h.app.stores.claims, 'findByIds');
  const findById = jest.spyOn(h.app.stores.claims, 'findById');
  const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on RewardClaim { id } } }`;
  const result = dataOf(await h.run<{ _entities: { id: string }[] }>(query, { reps: ids.map((id) => ({ __typename: 'RewardClaim', id })) }, auditor().token));
  expect(result._entities.map((entity) => entity.id)).toEqual(ids);
  expect(findByIds).toHaveBeenCalledTimes(1);
  expect(findById).not.toHaveBeenCalled();
});

test('staff filter claims by rejection reason', async () => {
  const staff = auditor();
  const already = await list(staff.token, { filter: { rejectionReason: 'ALREADY_CLAIMED' } });
  expect(already.totalCount).toBe(1);
  expect(already.edges[0]?.node.rejectionReason).toBe('ALREADY_CLAIMED');
  expect((await list(staff.token, { filter: { rejectionReason: 'SOLD_OUT' } })).totalCount).toBe(0);
});
