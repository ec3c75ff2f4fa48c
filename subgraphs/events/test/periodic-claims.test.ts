import { DateTime } from 'luxon';
import { DAY_MS, ManualClock, type PlayerTimeZone } from '@platform/shared';
import { EventsHarness } from '../../../test/support/events-harness';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { operator, player } from '../../../test/support/tokens';
import { tomorrowUtc } from '../../../test/support/zones';

/**
 * DAILY and WEEKLY events through the events subgraph's schema and memory stores: one
 * claim per player per period (their local day or ISO week), per game-day stock, and when
 * a player may claim again. The game time zone of the test config is UTC.
 */
const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id) {
  __typename
  ... on RewardClaimed { claim { id period } }
  ... on ClaimRejected { reason earlier: claim { id period status } }
} }`;
const EVENT = `query($id: ID!) { event(id: $id) { claimPeriod claimLimit claimsRemaining myNextClaimAt myClaim { id period } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { claimPeriod claimLimit } }`;

type ClaimView = { id: string; period: string | null; status?: string };
type Claimed = { __typename: string; claim?: ClaimView; earlier?: ClaimView | null; reason?: string };
type EventView = { claimPeriod: string; claimLimit: number | null; claimsRemaining: number | null; myNextClaimAt: string | null; myClaim: { id: string; period: string | null } | null };

const HOUR = 3600_000;
const op = operator();
let h: EventsHarness;
let clock: ManualClock;

beforeEach(async () => {
  // Noon UTC of a future day: a fresh game day with twelve hours on each side.
  clock = new ManualClock(new Date(tomorrowUtc() + 12 * HOUR));
  h = await EventsHarness.create({ clock });
});
afterEach(() => h.stop());

const zoned = (zone: string): PlayerTimeZone => ({ spans: [{ zone, from: new Date(0), firstDate: Number.MIN_SAFE_INTEGER, dayOffset: 0 }], requestedAt: null });
const localDate = (zone: string, at = clock.now()) => DateTime.fromJSDate(at, { zone }).toISODate();
const isoWeek = (at = clock.now()) => DateTime.fromJSDate(at, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
const nextMidnight = (zone: string, at = clock.now()) => DateTime.fromJSDate(at, { zone }).plus({ days: 1 }).startOf('day').toJSDate();

function newPlayer(timeZone?: PlayerTimeZone) {
  const p = player();
  h.players.set(p.id, {}, null, timeZone);
  return p;
}
const claim = async (eventId: string, token: string) => dataOf(await h.run<{ claimReward: Claimed }>(CLAIM, { id: eventId }, token)).claimReward;
const view = async (eventId: string, token: string) => dataOf(await h.run<{ event: EventView }>(EVENT, { id: eventId }, token)).event;
const longEvent = (input: Record<string, unknown>) =>
  h.createEvent(op.token, { endsAt: new Date(clock.now().getTime() + 30 * DAY_MS).toISOString(), ...input });

describe('DAILY', () => {
  test('claimed, refused the same day with the claim of that day, claimable again from the next midnight', async () => {
    const { id } = await longEvent({ claimPeriod: 'DAILY' });
    const p = newPlayer();
    expect(await view(id, p.token)).toMatchObject({ claimPeriod: 'DAILY', myNextClaimAt: null, myClaim: null });

    const first = await claim(id, p.token);
    expect(first).toMatchObject({ __typename: 'RewardClaimed', claim: { period: localDate('UTC') } });
    clock.advance(11 * HOUR);
    expect(await claim(id, p.token)).toMatchObject({ __typename: 'ClaimRejected', reason: 'ALREADY_CLAIMED', earlier: { id: first.claim!.id, status: 'GRANTED' } });
    const seen = await view(id, p.token);
    expect(seen.myNextClaimAt).toBe(nextMidnight('UTC').toISOString());
    expect(seen.myClaim).toEqual(first.claim);

    clock.advance(HOUR);
    expect(await view(id, p.token)).toMatchObject({ myNextClaimAt: null });
    const second = await claim(id, p.token);
    expect(second).toMatchObject({ __typename: 'RewardClaimed', claim: { period: localDate('UTC') } });
    expect(second.claim!.period).not.toBe(first.claim!.period);
    expect((await view(id, p.token)).myClaim).toEqual(second.claim);
  });

  test('20 parallel claims by one player: one granted; after a day, 20 more: one more', async () => {
    const { id } = await longEvent({ claimPeriod: 'DAILY' });
    const p = newPlayer();
    const race = async () => (await Promise.all(Array.from({ length: 20 }, () => claim(id, p.token)))).map((r) => r.__typename);
    expect((await race()).filter((t) => t === 'RewardClaimed')).toHaveLength(1);
    clock.advance(DAY_MS);
    expect((await race()).filter((t) => t === 'RewardClaimed')).toHaveLength(1);
    expect(await h.app.stores.claims.countGranted(id)).toBe(2);
  });

  test("a player in another zone gets their own midnight and their own date", async () => {
    const { id } = await longEvent({ claimPeriod: 'DAILY' });
    const zone = 'Pacific/Kiritimati'; // UTC+14: already tomorrow at noon UTC
    const p = newPlayer(zoned(zone));
    expect(await claim(id, p.token)).toMatchObject({ __typename: 'RewardClaimed', claim: { period: localDate(zone) } });
    expect(localDate(zone)).not.toBe(localDate('UTC'));
    expect((await view(id, p.token)).myNextClaimAt).toBe(nextMidnight(zone).toISOString());
    clock.advance(nextMidnight(zone).getTime() - clock.now().getTime() - 1);
    expect(await claim(id, p.token)).toMatchObject({ reason: 'ALREADY_CLAIMED' });
    clock.advance(1);
    expect(await claim(id, p.token)).toMatchObject({ __typename: 'RewardClaimed', claim: { period: localDate(zone) } });
  });

  test('myNextClaimAt is null when the event ends before the next period', async () => {
    const { id } = await h.createEvent(op.token, { claimPeriod: 'DAILY', endsAt: new Date(clock.now().getTime() + HOUR).toISOString() });
    const p = newPlayer();
    await claim(id, p.token);
    expect((await view(id, p.token)).myNextClaimAt).toBeNull();
  });
});

describe('WEEKLY', () => {
  test('once per ISO week: refused until the next week starts, then granted with the new week', async () => {
    const { id } = await longEvent({ claimPeriod: 'WEEKLY' });
    const p = newPlayer();
    expect(await claim(id, p.token)).toMatchObject({ __typename: 'RewardClaimed', claim: { period: isoWeek() } });
    const next = (await view(id, p.token)).myNextClaimAt!;
    const nextMonday = DateTime.fromJSDate(clock.now(), { zone: 'UTC' }).startOf('week').plus({ weeks: 1 }).toJSDate();
    expect(next).toBe(nextMonday.toISOString());
    clock.advance(nextMonday.getTime() - clock.now().getTime() - 1);
    expect(await claim(id, p.token)).toMatchObject({ reason: 'ALREADY_CLAIMED' });
    clock.advance(1);
    expect(await claim(id, p.token)).toMatchObject({ __typename: 'RewardClaimed', claim: { period: isoWeek() } });
  });
});

describe('claimLimit per game period', () => {
  test('"first 2 each day": 3 players, 2 granted, the third SOLD_OUT; the next day starts full', async () => {
    const { id } = await longEvent({ claimPeriod: 'DAILY', claimLimit: 2 });
    const [a, b, c] = [newPlayer(), newPlayer(), newPlayer()];
    expect(await view(id, op.token)).toMatchObject({ claimLimit: 2, claimsRemaining: 2 });
    const outcomes = await Promise.all([a, b, c].map((p) => claim(id, p.token)));
    expect(outcomes.filter((o) => o.__typename === 'RewardClaimed')).toHaveLength(2);
    const loser = [a, b, c][outcomes.findIndex((o) => o.reason === 'SOLD_OUT')]!;
    expect((await view(id, op.token)).claimsRemaining).toBe(0);

    clock.advance(DAY_MS);
    expect((await view(id, op.token)).claimsRemaining).toBe(2);
    expect(await claim(id, loser.token)).toMatchObject({ __typename: 'RewardClaimed' });
    expect((await view(id, op.token)).claimsRemaining).toBe(1);
  });

  test('the counter follows the game day even for a player whose own day differs', async () => {
    const { id } = await longEvent({ claimPeriod: 'DAILY', claimLimit: 1 });
    const east = newPlayer(zoned('Pacific/Kiritimati'));
    const west = newPlayer(zoned('Pacific/Pago_Pago'));
    expect(await claim(id, east.token)).toMatchObject({ __typename: 'RewardClaimed' });
    // Another player day, the same game day: the day's single unit is gone.
    expect(await claim(id, west.token)).toMatchObject({ reason: 'SOLD_OUT' });
  });

  test('20 parallel players on "first 5 each day": exactly 5 each day', async () => {
    const { id } = await longEvent({ claimPeriod: 'DAILY', claimLimit: 5 });
    const players = Array.from({ length: 20 }, () => newPlayer());
    const granted = async () => (await Promise.all(players.map((p) => claim(id, p.token)))).filter((o) => o.__typename === 'RewardClaimed').length;
    expect(await granted()).toBe(5);
    clock.advance(DAY_MS);
    expect(await granted()).toBe(5);
    expect(await h.app.stores.claims.countGranted(id)).toBe(10);
  });
});

describe('editing claimPeriod', () => {
  test('defaults to ONCE; may change until the first grant, then is frozen with the rewards', async () => {
    const { id } = await longEvent({ claimLimit: 3 });
    expect(await view(id, op.token)).toMatchObject({ claimPeriod: 'ONCE', claimsRemaining: 3 });
    expect(dataOf(await h.run(UPDATE, { id, input: { claimPeriod: 'DAILY' } }, op.token))).toEqual({ updateEvent: { claimPeriod: 'DAILY', claimLimit: 3 } });
    expect((await view(id, op.token)).claimsRemaining).toBe(3);
    await claim(id, newPlayer().token);
    expect(errorCode(await h.run(UPDATE, { id, input: { claimPeriod: 'ONCE' } }, op.token))).toBe('CONFLICT');
    // The same period again is no change; a new limit applies to the current game day at once.
    expect(dataOf(await h.run(UPDATE, { id, input: { claimPeriod: 'DAILY', claimLimit: 1 } }, op.token))).toEqual({ updateEvent: { claimPeriod: 'DAILY', claimLimit: 1 } });
    expect((await view(id, op.token)).claimsRemaining).toBe(0);
    // Unlimited ↔ limited once granted would lose count of the day's grants.
    expect(errorCode(await h.run(UPDATE, { id, input: { claimLimit: null } }, op.token))).toBe('CONFLICT');
  });

  test('a DAILY event back to ONCE before any grant gets its event-wide stock again', async () => {
    const { id } = await longEvent({ claimPeriod: 'DAILY', claimLimit: 2 });
    dataOf(await h.run(UPDATE, { id, input: { claimPeriod: 'ONCE' } }, op.token));
    expect(await view(id, op.token)).toMatchObject({ claimPeriod: 'ONCE', claimsRemaining: 2 });
    const p = newPlayer();
    await claim(id, p.token);
    clock.advance(DAY_MS);
    expect(await claim(id, p.token)).toMatchObject({ reason: 'ALREADY_CLAIMED', earlier: { period: null } });
    expect((await view(id, op.token)).claimsRemaining).toBe(1);
  });
});

describe('stock reconciler', () => {
  test('gives back a game day unit whose grant never committed, keeps one whose grant did', async () => {
    const { id } = await longEvent({ claimPeriod: 'DAILY', claimLimit: 2 });
    const granted = await claim(id, newPlayer().token);
    expect(granted.__typename).toBe('RewardClaimed');
    const day = localDate('UTC')!;
    const { stock } = h.app.stores;
    // A crash between reserving and granting: the unit is taken, no claim exists.
    await stock.reservePeriod(id, day, 2, '0123456789abcdef01234567', clock.now());
    // A crash after the grant committed, before its reservation ended.
    await stock.reservePeriod(id, day, 3, granted.claim!.id, clock.now());
    expect((await view(id, op.token)).claimsRemaining).toBe(0);

    clock.advance(h.app.reconciler.options.graceMs + 1);
    expect(await h.app.reconciler.runOnce()).toMatchObject({ restored: 1, confirmed: 1 });
    expect(await stock.takenInPeriod(id, day)).toBe(2);
    expect(await h.app.reconciler.runOnce()).toMatchObject({ restored: 0, confirmed: 0 });
  });
});
