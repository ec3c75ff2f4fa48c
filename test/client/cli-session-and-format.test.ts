/** The CLI's session file, and the client's formatting and union helpers, without a platform. */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSession, SessionFileError, sessionPath, writeSession, type StoredSession } from '../../client/src/cli/session';
import { formatTable } from '../../client/src/cli/table';
import { formatChallenge, formatReward } from '../../client/src/format';
import type { ChallengeFieldsFragment } from '../../client/src/generated/graphql';
import { asTypename, expectTypename, isTypename, matchTypename, UnexpectedTypenameError } from '../../client/src/unions';

describe('session file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ops-session-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const session: StoredSession = {
    version: 1,
    url: 'http://localhost:4000/graphql',
    username: 'olga',
    userId: 'u1',
    roles: ['OPERATOR'],
    deviceId: 'ops-cli',
    accessToken: 'a',
    refreshToken: 'r',
  };

  test('--session, then $OPS_SESSION, then ~/.reward-ops.json', () => {
    expect(sessionPath('/x.json', { OPS_SESSION: '/y.json' }, '/home/o')).toBe('/x.json');
    expect(sessionPath(undefined, { OPS_SESSION: '/y.json' }, '/home/o')).toBe('/y.json');
    expect(sessionPath(undefined, {}, '/home/o')).toBe('/home/o/.reward-ops.json');
  });

  test('written 0600 (even over a laxer file), read back; missing is null; damaged is an error', async () => {
    const path = join(dir, 'nested', 'session.json');
    expect(await readSession(path)).toBeNull();
    await writeSession(path, session);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readSession(path)).toEqual(session);

    const lax = join(dir, 'lax.json');
    await writeFile(lax, '{}', { mode: 0o644 });
    await writeSession(lax, session);
    expect((await stat(lax)).mode & 0o777).toBe(0o600);

    await writeFile(lax, 'not json');
    await expect(readSession(lax)).rejects.toThrow(SessionFileError);
    await writeFile(lax, '{"version": 2}');
    await expect(readSession(lax)).rejects.toThrow('not an ops session');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(session);
  });
});

describe('formatting and unions', () => {
  const challenges: ChallengeFieldsFragment[] = [
    { __typename: 'LoginStreakChallenge', days: 7 },
    { __typename: 'CurrencyChallenge', currency: 'COIN', comparison: 'AT_MOST', amount: 10 },
    { __typename: 'ItemCountChallenge', itemId: 'gem', count: 3 },
  ];

  test('narrowing helpers', () => {
    const [streak, currency] = challenges;
    expect(isTypename(streak!, 'LoginStreakChallenge')).toBe(true);
    expect(asTypename(streak!, 'CurrencyChallenge')).toBeNull();
    expect(expectTypename(currency!, 'CurrencyChallenge').amount).toBe(10);
    expect(() => expectTypename(currency!, 'ItemCountChallenge')).toThrow(UnexpectedTypenameError);
    expect(challenges.map(formatChallenge)).toEqual(['login streak >= 7 days', 'COIN <= 10', 'gem x >= 3']);
    expect(matchTypename(streak!, {
      LoginStreakChallenge: (c) => c.days,
      TotalLoginsChallenge: (c) => c.count,
      ReturningPlayerChallenge: (c) => c.days,
      CurrencyChallenge: (c) => c.amount,
      ItemCountChallenge: (c) => c.count,
      DistinctItemsChallenge: (c) => c.count,
      EventsClaimedChallenge: (c) => c.count,
      AccountAgeChallenge: (c) => c.days,
    })).toBe(7);
    expect(formatReward({ __typename: 'ItemReward', itemId: 'sword', quantity: 2 })).toBe('item:sword:2');
  });

  test('tables pad columns, cut long cells and show empty ones as -', () => {
    expect(formatTable(['A', 'LONG HEADER'], [['x', null], ['much longer', 'y']], 8)).toBe('A         LONG HEADER\nx         -\nmuch lo…  y\n');
  });
});
