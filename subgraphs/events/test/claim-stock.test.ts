import { EventsHarness } from '../../../test/support/events-harness';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { operator, player } from '../../../test/support/tokens';

const CLAIM = `mutation($id: ID!, $key: String) { claimReward(eventId: $id, idempotencyKey: $key) { __typename ... on ClaimRejected { reason } } }`;
const REMAINING = `query($id: ID!) { event(id: $id) { claimsRemaining } }`;

let h: EventsHarness;
const op = operator();

beforeEach(async () => {
  h = await EventsHarness.create();
});
afterEach(() => h.stop());

async function claim(eventId: string, key?: string) {
  const p = player();
  h.players.set(p.id);
  return h.run<{ claimReward: { __typename: string; reason?: string } }>(CLAIM, { id: eventId, key: key ?? null }, p.token);
}
const remaining = async (id: string) => dataOf(await h.run<{ event: { claimsRemaining: number | null } }>(REMAINING, { id }, op.token)).event.claimsRemaining;

describe('unlimited events: no grant writes a document shared with other grants', () => {
  test('after the one freeze, grants only read the event: no event write, no stock step, whatever the crowd', async () => {
    const { id } = await h.createEvent(op.token);
    const { events, stock } = h.app.stores;
    const writes = [
      jest.spyOn(events, 'update'),
      jest.spyOn(events, 'freeze'),
      jest.spyOn(stock, 'reserve'),
      jest.spyOn(stock, 'release'),
      jest.spyOn(events, 'insert'),
    ];
    const results = await Promise.all(Array.from({ length: 30 }, () => claim(id)));
    expect(results.every((r) => r.data?.claimReward.__typename === 'RewardClaimed')).toBe(true);
    const [update, freeze, reserve, release, insert] = writes.map((spy) => spy.mock.calls.length);
    // Concurrent first grants may each try the freeze (a no-op once frozen); later ones skip it.
    expect(freeze).toBeGreaterThanOrEqual(1);
    expect({ update, reserve, release, insert }).toEqual({ update: 0, reserve: 0, release: 0, insert: 0 });
    writes[1]!.mockClear();
    await Promise.all(Array.from({ length: 10 }, () => claim(id)));
    expect(writes.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0, 0]);
    expect(await h.app.stores.claims.countGranted(id)).toBe(40);
    expect((await events.findById(id))?.version).toBe(0);
  });
});

describe('limited events: stock reserved outside the grant transaction', () => {
  test('a grant takes one unit and ends its reservation: nothing is left for the reconciler', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    expect(dataOf(await claim(id)).claimReward.__typename).toBe('RewardClaimed');
    expect(await remaining(id)).toBe(2);
    expect(await h.app.stores.stock.reservationsBefore(new Date(8.64e15), 10)).toEqual([]);
  });

  test('a grant refused after the reservation (the player already has one) gives the unit back', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    const p = player();
    h.players.set(p.id);
    // The pre-check sees no grant; the store finds one: the same player's concurrent claim won.
    const findGranted = jest.spyOn(h.app.stores.claims, 'findGranted').mockResolvedValueOnce(null).mockResolvedValueOnce(null);
    const results = await Promise.all([0, 1].map(() => h.run<{ claimReward: { __typename: string; reason?: string } }>(CLAIM, { id, key: null }, p.token)));
    findGranted.mockRestore();
    expect(results.map((r) => dataOf(r).claimReward.__typename).sort()).toEqual(['ClaimRejected', 'RewardClaimed']);
    expect(await remaining(id)).toBe(2);
    expect(await h.app.stores.stock.reservationsBefore(new Date(8.64e15), 10)).toEqual([]);
  });

  test('a grant that fails after the reservation leaves it to the reconciler, which gives the unit back once the grant cannot commit', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 2 });
    jest.spyOn(h.app.stores.claims, 'grant').mockRejectedValueOnce(new Error('connection reset during commit'));
    expect(errorCode(await claim(id))).toBe('INTERNAL_SERVER_ERROR');
    // Undersold, not oversold: the unit is held while the grant's outcome is unknown.
    expect(await remaining(id)).toBe(1);
    expect(await h.app.reconciler.runOnce()).toEqual({ restored: 0, confirmed: 0, settled: 0 });
    h.clock.advance(h.app.reconciler.options.graceMs + 1);
    expect(await h.app.reconciler.runOnce()).toEqual({ restored: 1, confirmed: 0, settled: 0 });
    expect(await remaining(id)).toBe(2);
    expect(await h.app.reconciler.runOnce()).toEqual({ restored: 0, confirmed: 0, settled: 0 });
  });

  test('a crash after the grant committed but before the reservation ended: the reconciler keeps the unit taken', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 2 });
    jest.spyOn(h.app.stores.stock, 'release').mockRejectedValueOnce(new Error('process died'));
    expect(dataOf(await claim(id)).claimReward.__typename).toBe('RewardClaimed');
    h.clock.advance(h.app.reconciler.options.graceMs + 1);
    expect(await h.app.reconciler.runOnce()).toEqual({ restored: 0, confirmed: 1, settled: 0 });
    expect(await remaining(id)).toBe(1);
  });

  test('limit L, 3L players at once, every grant failing once in between: exactly L granted after healing, never more', async () => {
    const limit = 4;
    const { id } = await h.createEvent(op.token, { claimLimit: limit });
    const grant = jest.spyOn(h.app.stores.claims, 'grant');
    for (let i = 0; i < limit; i++) grant.mockRejectedValueOnce(new Error('lost'));
    const first = await Promise.all(Array.from({ length: 3 * limit }, () => claim(id)));
    const granted = () => h.app.stores.claims.countGranted(id);
    expect(first.filter((r) => r.data?.claimReward.__typename === 'RewardClaimed').length).toBe(await granted());
    expect(await granted()).toBeLessThanOrEqual(limit);
    h.clock.advance(h.app.reconciler.options.graceMs + 1);
    await h.app.reconciler.runOnce();
    const second = await Promise.all(Array.from({ length: 3 * limit }, () => claim(id)));
    expect(second.every((r) => r.data?.claimReward)).toBe(true);
    expect(await granted()).toBe(limit);
    expect(await remaining(id)).toBe(0);
  });
});
