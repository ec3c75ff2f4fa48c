import { EventsHarness } from '../../../test/support/events-harness';
import { EVENT, fromNow, HOUR, UPDATE_EVENT, type EventView } from '../../../test/support/event-operations';
import { dataOf, errorCode, type GraphQLResult } from '../../../test/support/graphql-result';
import { operator, player } from '../../../test/support/tokens';

let h: EventsHarness;
const op = operator();

beforeEach(async () => {
  h = await EventsHarness.create();
});
afterEach(() => h.stop());

const update = (id: string, input: Record<string, unknown>) => h.run<{ updateEvent: EventView }>(UPDATE_EVENT, { id, input }, op.token);
const updated = async (id: string, input: Record<string, unknown>) => dataOf(await update(id, input)).updateEvent;
const read = async (id: string) => {
  const event = dataOf(await h.run<{ event: EventView | null }>(EVENT, { id }, op.token)).event;
  if (!event) throw new Error(`event ${id} not found`);
  return event;
};

/** A player who meets every challenge of a plain event claims it; returns the outcome. */
async function claimAsNewPlayer(eventId: string, profile: Parameters<EventsHarness['players']['set']>[1] = {}) {
  const p = player();
  h.players.set(p.id, profile);
  const result = await h.run<{ claimReward: { __typename: string; reason?: string } }>(
    `mutation($eventId: ID!) { claimReward(eventId: $eventId) { __typename ... on ClaimRejected { reason } } }`,
    { eventId },
    p.token,
  );
  return dataOf(result).claimReward;
}

async function grantTo(eventId: string, players: number) {
  for (let i = 0; i < players; i++) expect(await claimAsNewPlayer(eventId)).toEqual({ __typename: 'RewardClaimed' });
}

function expectRefused(result: GraphQLResult<unknown>, code: string, field?: string) {
  expect(errorCode(result)).toBe(code);
  if (field !== undefined) expect(result.errors?.[0]?.extensions?.['field']).toBe(field);
}

describe('partial updates', () => {
  test('changing the title keeps every other field; updatedAt moves to now, createdAt stays', async () => {
    const { id } = await h.createEvent(op.token, {
      description: 'Log in and win',
      isPublic: false,
      claimLimit: 50,
      challenges: [{ totalLogins: { count: 3 } }],
      rewards: [{ item: { itemId: 'sword', quantity: 1 } }],
    });
    const before = await read(id);
    h.clock.advance(HOUR);
    const after = await updated(id, { title: 'Renamed' });
    expect(after).toEqual({ ...before, title: 'Renamed', updatedAt: h.clock.now().toISOString() });
    expect(after.createdAt).toBe(before.createdAt);
    expect(await read(id)).toEqual(after);
  });

  test('every field can change at once', async () => {
    const { id } = await h.createEvent(op.token, { description: 'old' });
    const input = {
      title: 'New title',
      description: 'new',
      startsAt: fromNow(h, 2 * HOUR),
      endsAt: fromNow(h, 4 * HOUR),
      isPublic: false,
      active: false,
      challenges: [{ itemCount: { itemId: 'potion', count: 2 } }],
      rewards: [{ coupon: { couponId: 'vip', quantity: 3 } }, { currency: { currency: 'CASH', amount: 7 } }],
      claimLimit: 9,
    };
    const after = await updated(id, input);
    expect(after).toMatchObject({
      title: 'New title',
      description: 'new',
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      isPublic: false,
      active: false,
      status: 'INACTIVE',
      challenges: [{ __typename: 'ItemCountChallenge', itemId: 'potion', count: 2 }],
      rewards: [
        { __typename: 'CouponReward', couponId: 'vip', quantity: 3 },
        { __typename: 'CurrencyReward', currency: 'CASH', amount: 7 },
      ],
      claimLimit: 9,
      claimsRemaining: 9,
    });
    expect(await read(id)).toEqual(after);
  });

  test('description: null clears it, leaving it out keeps it', async () => {
    const { id } = await h.createEvent(op.token, { description: 'Some text' });
    expect((await updated(id, { title: 'Other' })).description).toBe('Some text');
    expect((await updated(id, { description: null })).description).toBeNull();
    expect((await read(id)).description).toBeNull();
  });

  test('null on title, isPublic or active means unchanged', async () => {
    const { id } = await h.createEvent(op.token, { isPublic: false });
    const after = await updated(id, { title: null, isPublic: null, active: null });
    expect(after).toMatchObject({ title: 'Weekend bonus', isPublic: false, active: true });
  });

  test('an empty input changes nothing but updatedAt', async () => {
    const { id } = await h.createEvent(op.token);
    const before = await read(id);
    h.clock.advance(1000);
    expect(await updated(id, {})).toEqual({ ...before, updatedAt: h.clock.now().toISOString() });
  });
});

describe('refusals', () => {
  test('unknown or malformed id → NOT_FOUND', async () => {
    expectRefused(await update('0123456789abcdef01234567', { title: 'x' }), 'NOT_FOUND');
    expectRefused(await update('nope', { title: 'x' }), 'NOT_FOUND');
  });

  test('the schedule is checked against the stored values: endsAt before or at startsAt → BAD_USER_INPUT', async () => {
    const startsAt = fromNow(h, -HOUR);
    const endsAt = fromNow(h, 24 * HOUR);
    const { id } = await h.createEvent(op.token, { startsAt, endsAt });
    const before = await read(id);
    expectRefused(await update(id, { endsAt: fromNow(h, -2 * HOUR) }), 'BAD_USER_INPUT', 'input.endsAt');
    expectRefused(await update(id, { endsAt: startsAt }), 'BAD_USER_INPUT', 'input.endsAt');
    expectRefused(await update(id, { startsAt: fromNow(h, 25 * HOUR) }), 'BAD_USER_INPUT', 'input.endsAt');
    expectRefused(await update(id, { startsAt: endsAt }), 'BAD_USER_INPUT', 'input.endsAt');
    expect(await read(id)).toEqual(before);
    // Moving both together is fine.
    const moved = await updated(id, { startsAt: fromNow(h, 25 * HOUR), endsAt: fromNow(h, 26 * HOUR) });
    expect(moved.status).toBe('SCHEDULED');
  });

  test.each([
    ['an empty title', { title: '  ' }, 'input.title'],
    ['a 5001-character description', { description: 'd'.repeat(5001) }, 'input.description'],
    ['no rewards', { rewards: [] }, 'input.rewards'],
    ['a reward with two fields', { rewards: [{ currency: { currency: 'COIN', amount: 1 }, coupon: { couponId: 'c', quantity: 1 } }] }, 'input.rewards[0]'],
    ['a challenge with no field', { challenges: [{}] }, 'input.challenges[0]'],
    ['a challenge count of 0', { challenges: [{ distinctItems: { count: 0 } }] }, 'input.challenges[0].distinctItems.count'],
    ['claimLimit 0', { claimLimit: 0 }, 'input.claimLimit'],
  ])('%s → BAD_USER_INPUT, event unchanged', async (_name, input, field) => {
    const { id } = await h.createEvent(op.token);
    const before = await read(id);
    expectRefused(await update(id, input), 'BAD_USER_INPUT', field);
    expect(await read(id)).toEqual(before);
  });
});

describe('after a claim was granted', () => {
  test('changing challenges or rewards → CONFLICT; the title and other fields still change', async () => {
    const { id } = await h.createEvent(op.token, { challenges: [{ totalLogins: { count: 1 } }] });
    expect(await claimAsNewPlayer(id, { loginStats: { totalLogins: 1 } })).toEqual({ __typename: 'RewardClaimed' });
    const before = await read(id);

    expectRefused(await update(id, { challenges: [] }), 'CONFLICT');
    expectRefused(await update(id, { rewards: [{ currency: { currency: 'COIN', amount: 1 } }] }), 'CONFLICT');
    expectRefused(await update(id, { title: 'Both', challenges: [{ totalLogins: { count: 2 } }] }), 'CONFLICT');
    expect(await read(id)).toEqual(before);

    const after = await updated(id, { title: 'Still editable', description: 'yes', endsAt: fromNow(h, 48 * HOUR) });
    expect(after).toMatchObject({ title: 'Still editable', description: 'yes', challenges: before.challenges, rewards: before.rewards });
  });

  test('rejected attempts do not freeze challenges and rewards', async () => {
    const { id } = await h.createEvent(op.token, { challenges: [{ totalLogins: { count: 5 } }] });
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'CHALLENGE_NOT_MET' });
    const after = await updated(id, { challenges: [], rewards: [{ item: { itemId: 'shield', quantity: 1 } }] });
    expect(after).toMatchObject({ challenges: [], rewards: [{ __typename: 'ItemReward', itemId: 'shield', quantity: 1 }] });
  });
});

describe('claimLimit updates', () => {
  test('raising it recomputes claimsRemaining as limit − granted', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    await grantTo(id, 2);
    expect(await read(id)).toMatchObject({ claimLimit: 3, claimsRemaining: 1 });
    expect(await updated(id, { claimLimit: 10 })).toMatchObject({ claimLimit: 10, claimsRemaining: 8 });
    expect(await read(id)).toMatchObject({ claimLimit: 10, claimsRemaining: 8 });
  });

  test('lowering it to exactly the granted count sells the event out', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 5 });
    await grantTo(id, 2);
    expect(await updated(id, { claimLimit: 2 })).toMatchObject({ claimLimit: 2, claimsRemaining: 0 });
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'SOLD_OUT' });
  });

  test('lowering it below the granted count → CONFLICT, limit unchanged', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 5 });
    await grantTo(id, 2);
    expectRefused(await update(id, { claimLimit: 1 }), 'CONFLICT');
    expect(await read(id)).toMatchObject({ claimLimit: 5, claimsRemaining: 3 });
  });

  test('null makes it unlimited (claimsRemaining null); a limit set later holds the stock, then counts the grants so far', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 1 });
    await grantTo(id, 1);
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'SOLD_OUT' });
    expect(await updated(id, { claimLimit: null })).toMatchObject({ claimLimit: null, claimsRemaining: null });
    await grantTo(id, 2);
    expect(await read(id)).toMatchObject({ claimLimit: null, claimsRemaining: null });
    // Grants decided as unlimited may still be committing: the stock is held at 0 and claims
    // are SERVICE_UNAVAILABLE with a retry hint (not SOLD_OUT) until the reconciler counts.
    expect(await updated(id, { claimLimit: 4 })).toMatchObject({ claimLimit: 4, claimsRemaining: 0 });
    const p = player();
    h.players.set(p.id);
    const held = await h.run(`mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`, { id }, p.token);
    expect(errorCode(held)).toBe('SERVICE_UNAVAILABLE');
    expect(held.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
    expect(await h.app.reconciler.runOnce()).toMatchObject({ settled: 0 });
    h.clock.advance(h.app.reconciler.options.graceMs);
    expect(await h.app.reconciler.runOnce()).toMatchObject({ settled: 1 });
    expect(await read(id)).toMatchObject({ claimLimit: 4, claimsRemaining: 1 });
    await grantTo(id, 1);
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'SOLD_OUT' });
  });

  test('a limit on an unlimited event that had grants cannot go below them', async () => {
    const { id } = await h.createEvent(op.token);
    await grantTo(id, 3);
    expectRefused(await update(id, { claimLimit: 2 }), 'CONFLICT');
    expect(await read(id)).toMatchObject({ claimLimit: null, claimsRemaining: null });
  });

  test('a limit on an event nobody claimed yet is exact at once', async () => {
    const { id } = await h.createEvent(op.token);
    expect(await updated(id, { claimLimit: 2 })).toMatchObject({ claimLimit: 2, claimsRemaining: 2 });
  });

  test('leaving claimLimit out of the input keeps the limit and the remaining stock', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 4 });
    await grantTo(id, 1);
    expect(await updated(id, { title: 'x' })).toMatchObject({ claimLimit: 4, claimsRemaining: 3 });
  });
});

describe('updates racing claims', () => {
  /** Runs `between` after the service read the event and before its write reaches the store. */
  function interleave(between: () => Promise<void>) {
    const store = h.app.stores.events;
    const write = store.update.bind(store);
    return jest.spyOn(store, 'update').mockImplementationOnce(async (id, version, edit) => {
      await between();
      return write(id, version, edit);
    });
  }

  test('the first grant landing between the read and the write freezes the event: the content change is refused, not applied', async () => {
    const { id } = await h.createEvent(op.token);
    const spy = interleave(async () => {
      expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'RewardClaimed' });
    });
    expectRefused(await update(id, { rewards: [{ currency: { currency: 'CASH', amount: 1_000_000 } }] }), 'CONFLICT');
    expect(spy).toHaveBeenCalledTimes(1);
    expect((await read(id)).rewards).toEqual([{ __typename: 'CurrencyReward', currency: 'COIN', amount: 100 }]);
  });

  test('an edit landing between a first grant\'s evaluation and its freeze wins: the grant is evaluated again, with the new rewards', async () => {
    const { id } = await h.createEvent(op.token);
    const events = h.app.stores.events;
    const freeze = events.freeze.bind(events);
    const spy = jest.spyOn(events, 'freeze').mockImplementationOnce(async (eventId, version) => {
      expect(await updated(id, { rewards: [{ item: { itemId: 'shield', quantity: 1 } }] })).toMatchObject({ rewards: [{ itemId: 'shield' }] });
      return freeze(eventId, version);
    });
    const p = player();
    h.players.set(p.id);
    const claim = dataOf(await h.run<{ claimReward: { claim: { rewards: { __typename: string }[] } } }>(
      `mutation($id: ID!) { claimReward(eventId: $id) { ... on RewardClaimed { claim { rewards { __typename } } } } }`, { id }, p.token,
    )).claimReward.claim;
    expect(claim.rewards).toEqual([{ __typename: 'ItemReward' }]);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(h.players.creditedGrants.size).toBe(1);
    expect([...h.players.creditedGrants.values()][0]?.rewards).toMatchObject([{ itemId: 'shield' }]);
  });

  test('an edit landing between the freeze and the grant transaction makes the grant evaluate again (deactivated: hidden from players, EVENT_NOT_FOUND)', async () => {
    const { id } = await h.createEvent(op.token);
    const claims = h.app.stores.claims;
    const grant = claims.grant.bind(claims);
    jest.spyOn(claims, 'grant').mockImplementationOnce(async (claim, delivery) => {
      await updated(id, { active: false });
      return grant(claim, delivery);
    });
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'EVENT_NOT_FOUND' });
    expect(h.players.creditedGrants.size).toBe(0);
  });

  test('a lower claimLimit racing a grant is re-checked against the units taken', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    await grantTo(id, 1);
    interleave(() => grantTo(id, 1));
    // Valid when read (1 granted), not any more when written (2 granted).
    expectRefused(await update(id, { claimLimit: 1 }), 'CONFLICT');
    expect(await read(id)).toMatchObject({ claimLimit: 3, claimsRemaining: 1 });
  });

  test('a title change racing grants is applied at once: grants do not move the version', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    const spy = interleave(() => grantTo(id, 1));
    expect(await updated(id, { title: 'Renamed' })).toMatchObject({ title: 'Renamed', claimLimit: 3, claimsRemaining: 2 });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('a raised claimLimit racing grants keeps the units they took', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    interleave(() => grantTo(id, 2));
    expect(await updated(id, { claimLimit: 10 })).toMatchObject({ claimLimit: 10, claimsRemaining: 8 });
  });
});
