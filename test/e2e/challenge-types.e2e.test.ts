import { dataOf } from '../support/graphql-result';
import type { TestPlatform } from '../support/platform';
import { platformPerSuite } from '../support/platform-per-suite';

/**
 * The two challenge types added through the registry, end to end through the gateway:
 * EventsClaimed (GRANTED claims on other events, from the claim history events loads only
 * for such events) and AccountAge (users reports createdAt; the shared test clock moves it).
 */
const DAY_SECONDS = 86_400;
let platform: TestPlatform;
let adminToken: string;
let start: Date;

platformPerSuite((started, token) => {
  platform = started;
  adminToken = token;
}, { TEST_CLOCK: 'enabled' });
beforeAll(async () => {
  start = new Date(dataOf(await platform.request<{ serverTime: string }>(`{ serverTime }`)).serverTime);
});

async function createEvent(title: string, challenges: Record<string, unknown>[]): Promise<string> {
  const result = await platform.request<{ createEvent: { id: string } }>(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        startsAt: new Date(start.getTime() - 3600_000).toISOString(),
        endsAt: new Date(start.getTime() + 30 * DAY_SECONDS * 1000).toISOString(),
        challenges,
        rewards: [{ currency: { currency: 'COIN', amount: 10 } }],
      },
    },
    adminToken,
  );
  return dataOf(result).createEvent.id;
}

// `claim` in one branch and `attempt` in the other: valid together, unlike `claim` twice.
const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id) {
  __typename
  ... on RewardClaimed { claim { id status } }
  ... on ClaimRejected { reason attempt { id status rejectionReason } unmet { current required met challenge { __typename } } }
} }`;

interface ClaimOutcome {
  __typename: 'RewardClaimed' | 'ClaimRejected';
  claim?: { id: string; status: string };
  reason?: string;
  attempt?: { id: string; status: string; rejectionReason: string | null } | null;
  unmet?: { current: number; required: number; met: boolean; challenge: { __typename: string } }[];
}

const claim = async (id: string, token: string) => dataOf(await platform.request<{ claimReward: ClaimOutcome }>(CLAIM, { id }, token)).claimReward;

const PROGRESS = `query($id: ID!) { event(id: $id) { challenges { __typename ... on EventsClaimedChallenge { count titleContains } ... on AccountAgeChallenge { days } } myProgress { current required met } } }`;
interface Progressed {
  event: { challenges: Record<string, unknown>[]; myProgress: { current: number; required: number; met: boolean }[] };
}
const progress = async (id: string, token: string) => dataOf(await platform.request<Progressed>(PROGRESS, { id }, token)).event;

test('EventsClaimed: counts GRANTED claims on other events, optionally only titles containing a text (case-insensitive)', async () => {
  const summer = await createEvent('Summer Splash', []);
  const winter = await createEvent('Winter Warmup', []);
  const summerFan = await createEvent('Summer fan badge', [{ eventsClaimed: { count: 1, titleContains: 'SUMMER' } }]);
  const veteran = await createEvent('Veteran', [{ eventsClaimed: { count: 3 } }]);
  const player = await platform.signUp('collector_cleo');

  const fan = await progress(summerFan, player.token);
  expect(fan.challenges).toEqual([{ __typename: 'EventsClaimedChallenge', count: 1, titleContains: 'SUMMER' }]);
  expect(fan.myProgress).toEqual([{ current: 0, required: 1, met: false }]);

  const refused = await claim(summerFan, player.token);
  expect(refused).toMatchObject({ __typename: 'ClaimRejected', reason: 'CHALLENGE_NOT_MET', attempt: { status: 'REJECTED', rejectionReason: 'CHALLENGE_NOT_MET' } });
  expect(refused.unmet).toEqual([{ current: 0, required: 1, met: false, challenge: { __typename: 'EventsClaimedChallenge' } }]);

  expect((await claim(winter, player.token)).__typename).toBe('RewardClaimed');
  // A winter claim does not match "SUMMER"; a rejected claim never counts.
  expect((await progress(summerFan, player.token)).myProgress).toEqual([{ current: 0, required: 1, met: false }]);
  expect((await claim(summer, player.token)).__typename).toBe('RewardClaimed');
  expect((await progress(summerFan, player.token)).myProgress).toEqual([{ current: 1, required: 1, met: true }]);
  expect((await claim(summerFan, player.token)).__typename).toBe('RewardClaimed');

  // Veteran counts the three other events, never itself.
  expect((await progress(veteran, player.token)).myProgress).toEqual([{ current: 3, required: 3, met: true }]);
  expect((await claim(veteran, player.token)).__typename).toBe('RewardClaimed');
  expect((await progress(veteran, player.token)).myProgress).toEqual([{ current: 3, required: 3, met: true }]);

  // Another player's history is their own.
  const newcomer = await platform.signUp('newcomer_nia');
  expect((await progress(veteran, newcomer.token)).myProgress).toEqual([{ current: 0, required: 3, met: false }]);
});

test('EventsClaimed: a blank titleContains or count 0 is BAD_USER_INPUT naming the field', async () => {
  const create = (challenge: Record<string, unknown>) =>
    platform.request(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
      input: { title: 'Bad', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString(), challenges: [challenge], rewards: [{ currency: { currency: 'COIN', amount: 1 } }] },
    }, adminToken);
  const blank = await create({ eventsClaimed: { count: 1, titleContains: '  ' } });
  expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.challenges[0].eventsClaimed.titleContains' });
  const zero = await create({ accountAge: { days: 0 } });
  expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.challenges[0].accountAge.days' });
});

test('AccountAge: met once the account is N whole days old, by the clock users and events share', async () => {
  const eventId = await createEvent('Two days with us', [{ accountAge: { days: 2 } }]);
  const player = await platform.signUp('patient_pat');
  expect((await progress(eventId, player.token)).myProgress).toEqual([{ current: 0, required: 2, met: false }]);
  expect((await claim(eventId, player.token)).reason).toBe('CHALLENGE_NOT_MET');

  await platform.request(`mutation($s: Int!) { advanceTestClock(seconds: $s) }`, { s: 2 * DAY_SECONDS }, adminToken);
  const later = await platform.logIn('patient_pat');
  expect((await progress(eventId, later.token)).myProgress).toEqual([{ current: 2, required: 2, met: true }]);
  expect((await claim(eventId, later.token)).__typename).toBe('RewardClaimed');
});
