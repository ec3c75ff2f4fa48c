import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../client/src/ops-cli';
import { dataOf, errorCode } from '../support/graphql-result';
import { TEST_ADMIN, type TestPlatform } from '../support/platform';
import { platformPerSuite } from '../support/platform-per-suite';

/**
 * The "daily login calendar" recipe through the gateway, with the test clock: a player app
 * that signs up once and then only refreshes its session builds a 7-day streak, and the
 * events subgraph sees the same advanced time as users. No sleeps.
 */
const DAY_SECONDS = 86_400;
let platform: TestPlatform;
let adminToken: string;

platformPerSuite((started, token) => {
  platform = started;
  adminToken = token;
}, { TEST_CLOCK: 'enabled' });

const serverTime = async () => new Date(dataOf(await platform.request<{ serverTime: string }>(`{ serverTime }`)).serverTime);
const advanceDay = async () => dataOf(await platform.request<{ advanceTestClock: string }>(`mutation($s: Int!) { advanceTestClock(seconds: $s) }`, { s: DAY_SECONDS }, adminToken)).advanceTestClock;

async function createEvent(title: string, startsAt: Date, days: number): Promise<string> {
  const result = await platform.request<{ createEvent: { id: string } }>(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 30 * DAY_SECONDS * 1000).toISOString(),
        challenges: [{ loginStreak: { days } }],
        rewards: [{ currency: { currency: 'COIN', amount: 700 } }],
      },
    },
    adminToken,
  );
  return dataOf(result).createEvent.id;
}

const EVENT = `query($id: ID!) { event(id: $id) { status myProgress { current required met } } }`;

test('sign up, then one refreshSession a day for a week: a LoginStreak of 7 is met and claimed', async () => {
  const start = await serverTime();
  const streakEvent = await createEvent('Seven-day streak', start, 7);
  const tomorrowEvent = await createEvent('Starts tomorrow', new Date(start.getTime() + DAY_SECONDS * 1000), 1);

  const player = await platform.signUp('daily_dana');
  let { token, refreshToken } = player;
  const progress = async (id: string) => dataOf(await platform.request<{ event: { status: string; myProgress: { current: number; met: boolean }[] } }>(EVENT, { id }, token)).event;
  expect((await progress(streakEvent)).myProgress).toEqual([{ current: 1, required: 7, met: false }]);
  expect((await progress(tomorrowEvent)).status).toBe('SCHEDULED');

  for (let day = 1; day < 7; day++) {
    const advanced = new Date(await advanceDay());
    expect(advanced.getTime()).toBeGreaterThanOrEqual(start.getTime() + day * DAY_SECONDS * 1000);
    const refreshed = await platform.request<{ refreshSession: { accessToken: string; refreshToken: string; user: { profile: { loginStats: { currentStreak: number; totalLogins: number } } } } }>(
      `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { profile { loginStats { currentStreak totalLogins } } } } }`,
      { t: refreshToken },
    );
    const payload = dataOf(refreshed).refreshSession;
    ({ accessToken: token, refreshToken } = payload);
    expect(payload.user.profile.loginStats).toEqual({ currentStreak: day + 1, totalLogins: day + 1 });
    // events runs on the same clock: the event that started "tomorrow" is running from day 1.
    if (day === 1) expect((await progress(tomorrowEvent)).status).toBe('RUNNING');
  }

  expect((await progress(streakEvent)).myProgress).toEqual([{ current: 7, required: 7, met: true }]);
  const claim = await platform.request<{ claimReward: { __typename: string } }>(
    `mutation($id: ID!) { claimReward(eventId: $id) { __typename ... on RewardClaimed { claim { delivery } } } }`,
    { id: streakEvent },
    token,
  );
  expect(dataOf(claim).claimReward).toEqual({ __typename: 'RewardClaimed', claim: { delivery: 'DELIVERED' } });
  const me = await platform.request<{ me: { profile: { coins: number } } }>(`{ me { profile { coins } } }`, {}, token);
  expect(dataOf(me).me.profile.coins).toBe(700);
  // The clock only the ADMIN moves.
  expect(errorCode(await platform.request(`mutation { advanceTestClock(seconds: 60) }`, {}, token))).toBe('FORBIDDEN');
});

test('the ops CLI advances the clock for QA: advance-clock --days 1 (ADMIN session)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ops-clock-'));
  const output = { stdout: '', stderr: '' };
  const ops = (argv: string[]) =>
    runCli(argv, {
      stdout: (text) => void (output.stdout += text),
      stderr: (text) => void (output.stderr += text),
      env: { OPS_URL: platform.url, OPS_PASSWORD: TEST_ADMIN.password },
      homedir: dir,
      cwd: dir,
    });
  try {
    expect(await ops(['login', '--username', TEST_ADMIN.username])).toBe(0);
    expect(await ops(['advance-clock'])).toBe(2);
    expect(await ops(['advance-clock', '--days', '1', '--seconds', '5'])).toBe(2);
    const before = await serverTime();
    output.stdout = '';
    expect(await ops(['advance-clock', '--days', '1'])).toBe(0);
    const reported = new Date(/reads (\S+)\./.exec(output.stdout)?.[1] ?? '');
    expect(reported.getTime()).toBeGreaterThanOrEqual(before.getTime() + DAY_SECONDS * 1000);
    expect((await serverTime()).getTime()).toBeGreaterThanOrEqual(reported.getTime());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
