import { DateTime } from 'luxon';
import { dataOf } from '../support/graphql-result';
import { TEST_ADMIN, type TestPlatform } from '../support/platform';
import { platformPerSuite } from '../support/platform-per-suite';

/**
 * DAILY and WEEKLY events through the gateway, users and events on the shared test clock:
 * one claim per player per local day or ISO week, "first N each day" counted per game day,
 * and each player's own midnight. Time moves only by advanceTestClock; expectations are
 * computed from serverTime, never written as calendar dates. The game zone is UTC here.
 */
const DAY_SECONDS = 86_400;
let platform: TestPlatform;
let adminToken: string;
let players = 0;

platformPerSuite((started, token) => {
  platform = started;
  adminToken = token;
}, { TEST_CLOCK: 'enabled' });

const serverTime = async () => new Date(dataOf(await platform.request<{ serverTime: string }>(`{ serverTime }`)).serverTime);
const advance = async (seconds: number) =>
  new Date(dataOf(await platform.request<{ advanceTestClock: string }>(`mutation($s: Int!) { advanceTestClock(seconds: $s) }`, { s: seconds }, adminToken)).advanceTestClock);
/** Moves the clock to `at` (to the next whole second). */
const advanceTo = async (at: Date) => advance(Math.max(0, Math.ceil((at.getTime() - (await serverTime()).getTime()) / 1000)));

const localDate = (at: Date, zone = 'UTC') => DateTime.fromJSDate(at, { zone }).toISODate();
const nextMidnight = (at: Date, zone = 'UTC') => DateTime.fromJSDate(at, { zone }).plus({ days: 1 }).startOf('day').toJSDate();

async function createEvent(input: Record<string, unknown>): Promise<string> {
  const start = await serverTime();
  const result = await platform.request<{ createEvent: { id: string } }>(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title: 'Daily bonus',
        startsAt: new Date(start.getTime() - 1000).toISOString(),
        endsAt: new Date(start.getTime() + 60 * DAY_SECONDS * 1000).toISOString(),
        rewards: [{ currency: { currency: 'COIN', amount: 10 } }],
        ...input,
      },
    },
    adminToken,
  );
  return dataOf(result).createEvent.id;
}

interface Player {
  username: string;
  token: string;
}
const newPlayer = async (): Promise<Player> => {
  const username = `periodic_${++players}`;
  return { username, token: (await platform.signUp(username)).token };
};
/** A fresh access token after the clock moved (access tokens are short-lived). */
const again = async (player: Player): Promise<Player> => ({ ...player, token: (await platform.logIn(player.username)).token });

type ClaimAnswer = { __typename: string; claim?: { period: string | null }; reason?: string };
const claim = async (eventId: string, player: Player) =>
  dataOf(
    await platform.request<{ claimReward: ClaimAnswer }>(
      `mutation($id: ID!) { claimReward(eventId: $id) { __typename ... on RewardClaimed { claim { period } } ... on ClaimRejected { reason } } }`,
      { id: eventId },
      player.token,
    ),
  ).claimReward;
type EventView = { claimPeriod: string; claimsRemaining: number | null; myNextClaimAt: string | null; myClaim: { period: string | null } | null };
const view = async (eventId: string, token: string) =>
  dataOf(await platform.request<{ event: EventView }>(`query($id: ID!) { event(id: $id) { claimPeriod claimsRemaining myNextClaimAt myClaim { period } } }`, { id: eventId }, token)).event;
const coins = async (player: Player) => dataOf(await platform.request<{ me: { profile: { coins: number } } }>(`{ me { profile { coins } } }`, {}, player.token)).me.profile.coins;

test("DAILY: claimed, refused the same day, myNextClaimAt is the player's next midnight, claimed again the next day", async () => {
  const id = await createEvent({ claimPeriod: 'DAILY' });
  let dana = await newPlayer();
  const now = await serverTime();

  expect(await claim(id, dana)).toEqual({ __typename: 'RewardClaimed', claim: { period: localDate(now) } });
  expect(await claim(id, dana)).toEqual({ __typename: 'ClaimRejected', reason: 'ALREADY_CLAIMED' });
  expect(await view(id, dana.token)).toEqual({ claimPeriod: 'DAILY', claimsRemaining: null, myNextClaimAt: nextMidnight(now).toISOString(), myClaim: { period: localDate(now) } });

  const tomorrow = await advance(DAY_SECONDS);
  dana = await again(dana);
  expect((await view(id, dana.token)).myNextClaimAt).toBeNull();
  expect(await claim(id, dana)).toEqual({ __typename: 'RewardClaimed', claim: { period: localDate(tomorrow) } });
  expect(await coins(dana)).toBe(20);
});

test('DAILY: 20 parallel claims by one player grant one; after a day, 20 more grant one more', async () => {
  const id = await createEvent({ claimPeriod: 'DAILY' });
  let eve = await newPlayer();
  const race = async () => (await Promise.all(Array.from({ length: 20 }, () => claim(id, eve)))).map((answer) => answer.__typename ?? answer.reason);
  const first = await race();
  expect(first.filter((t) => t === 'RewardClaimed')).toHaveLength(1);
  expect(first.filter((t) => t === 'ClaimRejected')).toHaveLength(19);
  await advance(DAY_SECONDS);
  eve = await again(eve);
  expect((await race()).filter((t) => t === 'RewardClaimed')).toHaveLength(1);
  expect(await coins(eve)).toBe(20);
});

test('WEEKLY: once per ISO week; the next claim opens on Monday 00:00', async () => {
  const id = await createEvent({ claimPeriod: 'WEEKLY' });
  let wes = await newPlayer();
  const now = await serverTime();
  const week = (at: Date) => DateTime.fromJSDate(at, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
  const monday = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('week').plus({ weeks: 1 }).toJSDate();

  expect(await claim(id, wes)).toEqual({ __typename: 'RewardClaimed', claim: { period: week(now) } });
  expect((await view(id, wes.token)).myNextClaimAt).toBe(monday.toISOString());
  await advanceTo(new Date(monday.getTime() - 60_000));
  wes = await again(wes);
  expect(await claim(id, wes)).toMatchObject({ reason: 'ALREADY_CLAIMED' });
  const then = await advanceTo(monday);
  wes = await again(wes);
  expect(await claim(id, wes)).toEqual({ __typename: 'RewardClaimed', claim: { period: week(then) } });
});

test('"first 2 each day": 3 players, 2 granted, the day is then sold out; the next day starts full again', async () => {
  const id = await createEvent({ claimPeriod: 'DAILY', claimLimit: 2 });
  let crowd: Player[] = await Promise.all([newPlayer(), newPlayer(), newPlayer()]);
  expect((await view(id, adminToken)).claimsRemaining).toBe(2);
  const answers = await Promise.all(crowd.map((player) => claim(id, player)));
  expect(answers.filter((a) => a.__typename === 'RewardClaimed')).toHaveLength(2);
  expect(answers.filter((a) => a.reason === 'SOLD_OUT')).toHaveLength(1);
  expect((await view(id, adminToken)).claimsRemaining).toBe(0);

  await advance(DAY_SECONDS);
  adminToken = (await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password)).token;
  crowd = await Promise.all(crowd.map(again));
  expect((await view(id, adminToken)).claimsRemaining).toBe(2);
  const late = crowd[answers.findIndex((a) => a.reason === 'SOLD_OUT')]!;
  expect(await claim(id, late)).toMatchObject({ __typename: 'RewardClaimed' });
  expect((await view(id, adminToken)).claimsRemaining).toBe(1);
});

test('a player in another time zone gets their own midnight and their own dates', async () => {
  const zone = 'Pacific/Kiritimati'; // UTC+14: never on the game's (UTC) date at noon UTC
  let kira = await newPlayer();
  dataOf(await platform.request(`mutation($z: String!) { setTimeZone(timeZone: $z) { timeZone } }`, { z: zone }, kira.token));
  // A new zone takes effect from the player's next local day (the change rule).
  await advance(2 * DAY_SECONDS);
  kira = await again(kira);
  const id = await createEvent({ claimPeriod: 'DAILY' });
  const now = await serverTime();

  expect(await claim(id, kira)).toEqual({ __typename: 'RewardClaimed', claim: { period: localDate(now, zone) } });
  const next = nextMidnight(now, zone);
  expect((await view(id, kira.token)).myNextClaimAt).toBe(next.toISOString());
  // Not the game's midnight: UTC+14's midnight is 10:00 UTC.
  const day = DAY_SECONDS * 1000;
  expect((((next.getTime() - nextMidnight(now).getTime()) % day) + day) % day).toBe(10 * 3600_000);

  await advanceTo(new Date(next.getTime() - 60_000));
  kira = await again(kira);
  expect(await claim(id, kira)).toMatchObject({ reason: 'ALREADY_CLAIMED' });
  const then = await advanceTo(next);
  kira = await again(kira);
  expect(await claim(id, kira)).toEqual({ __typename: 'RewardClaimed', claim: { period: localDate(then, zone) } });
});
