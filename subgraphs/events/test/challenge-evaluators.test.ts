import { defaultPlayerTimeZone } from '@platform/shared';
import { emptyProfile } from '../../../test/support/fake-player-directory';
import { CHALLENGE_DEFINITIONS, evaluateChallenge, type Challenge } from '../src/schema/challenges';
import { Comparison, Currency } from '../src/schema/enums';
import type { EvaluationContext } from '../src/services/evaluation-context';
import type { EventRecord } from '../src/store/records';
import type { PlayerProfile } from '../src/services/player-profile';

type ProfilePatch = Partial<Omit<PlayerProfile, 'loginStats'>> & { loginStats?: Partial<PlayerProfile['loginStats']> };

function profile(patch: ProfilePatch = {}): PlayerProfile {
  const base = emptyProfile();
  return { ...base, ...patch, loginStats: { ...base.loginStats, ...patch.loginStats } };
}

const NOW = new Date(Date.UTC(2030, 0, 31));

/** The evaluation context for one player on event 'e-this': profile, account age, claim history. */
function context(player: PlayerProfile, extra: Partial<EvaluationContext> = {}): EvaluationContext {
  return { userId: 'u1', eventId: 'e-this', now: NOW, profile: player, accountCreatedAt: null, claimHistory: [], ...extra };
}

const evaluate = (challenge: Challenge, patch: ProfilePatch = {}) => evaluateChallenge(challenge, context(profile(patch)));

describe('login-based challenges: met exactly at the threshold, unmet one below', () => {
  const cases: { name: string; challenge: Challenge; at: (n: number) => ProfilePatch; threshold: number }[] = [
    {
      name: 'LoginStreakChallenge (currentStreak >= days)',
      challenge: { kind: 'LoginStreakChallenge', days: 7 },
      at: (n) => ({ loginStats: { currentStreak: n } }),
      threshold: 7,
    },
    {
      name: 'TotalLoginsChallenge (totalLogins >= count)',
      challenge: { kind: 'TotalLoginsChallenge', count: 10 },
      at: (n) => ({ loginStats: { totalLogins: n } }),
      threshold: 10,
    },
    {
      name: 'ReturningPlayerChallenge (daysAwayBeforeLastLogin >= days)',
      challenge: { kind: 'ReturningPlayerChallenge', days: 14 },
      at: (n) => ({ loginStats: { daysAwayBeforeLastLogin: n } }),
      threshold: 14,
    },
  ];

  test.each(cases)('$name', ({ challenge, at, threshold }) => {
    expect(evaluate(challenge, at(threshold))).toEqual({ current: threshold, required: threshold, met: true });
    expect(evaluate(challenge, at(threshold - 1))).toEqual({ current: threshold - 1, required: threshold, met: false });
    expect(evaluate(challenge, at(threshold + 5))).toEqual({ current: threshold + 5, required: threshold, met: true });
    expect(evaluate(challenge)).toEqual({ current: 0, required: threshold, met: false });
  });

  test('each login challenge reads only its own statistic', () => {
    const stats = { loginStats: { currentStreak: 1, totalLogins: 2, daysAwayBeforeLastLogin: 3, loginDays: 50 } };
    expect(evaluate({ kind: 'LoginStreakChallenge', days: 5 }, stats).current).toBe(1);
    expect(evaluate({ kind: 'TotalLoginsChallenge', count: 5 }, stats).current).toBe(2);
    expect(evaluate({ kind: 'ReturningPlayerChallenge', days: 5 }, stats).current).toBe(3);
  });
});

describe('CurrencyChallenge', () => {
  const holding = (currency: Currency, amount: number): ProfilePatch =>
    currency === Currency.CASH ? { cash: amount, coins: 999_999 } : { coins: amount, cash: 999_999 };

  describe.each([Currency.CASH, Currency.COIN])('%s', (currency) => {
    test('AT_LEAST: met at the amount and above, unmet one below', () => {
      const challenge: Challenge = { kind: 'CurrencyChallenge', currency, comparison: Comparison.AT_LEAST, amount: 500 };
      expect(evaluate(challenge, holding(currency, 500))).toEqual({ current: 500, required: 500, met: true });
      expect(evaluate(challenge, holding(currency, 501))).toEqual({ current: 501, required: 500, met: true });
      expect(evaluate(challenge, holding(currency, 499))).toEqual({ current: 499, required: 500, met: false });
    });

    test('AT_MOST: met at the amount and below, unmet one above', () => {
      const challenge: Challenge = { kind: 'CurrencyChallenge', currency, comparison: Comparison.AT_MOST, amount: 10 };
      expect(evaluate(challenge, holding(currency, 10))).toEqual({ current: 10, required: 10, met: true });
      expect(evaluate(challenge, holding(currency, 0))).toEqual({ current: 0, required: 10, met: true });
      expect(evaluate(challenge, holding(currency, 11))).toEqual({ current: 11, required: 10, met: false });
    });
  });

  test('CASH reads cash and COIN reads coins, never the other', () => {
    const rich = { cash: 5, coins: 1000 };
    expect(evaluate({ kind: 'CurrencyChallenge', currency: Currency.CASH, comparison: Comparison.AT_LEAST, amount: 100 }, rich)).toEqual({
      current: 5,
      required: 100,
      met: false,
    });
    expect(evaluate({ kind: 'CurrencyChallenge', currency: Currency.COIN, comparison: Comparison.AT_LEAST, amount: 100 }, rich)).toEqual({
      current: 1000,
      required: 100,
      met: true,
    });
  });
});

describe('ItemCountChallenge', () => {
  const potions: Challenge = { kind: 'ItemCountChallenge', itemId: 'potion', count: 3 };

  test('met at exactly count, unmet one below', () => {
    expect(evaluate(potions, { inventory: [{ itemId: 'potion', quantity: 3 }] })).toEqual({ current: 3, required: 3, met: true });
    expect(evaluate(potions, { inventory: [{ itemId: 'potion', quantity: 2 }] })).toEqual({ current: 2, required: 3, met: false });
  });

  test('counts only the named item', () => {
    const inventory = [
      { itemId: 'sword', quantity: 10 },
      { itemId: 'potion', quantity: 1 },
      { itemId: 'potion-large', quantity: 10 },
    ];
    expect(evaluate(potions, { inventory })).toEqual({ current: 1, required: 3, met: false });
  });

  test('an item held at quantity 0 or absent counts as 0', () => {
    const one: Challenge = { kind: 'ItemCountChallenge', itemId: 'potion', count: 1 };
    expect(evaluate(one, { inventory: [{ itemId: 'potion', quantity: 0 }] })).toEqual({ current: 0, required: 1, met: false });
    expect(evaluate(one, { inventory: [{ itemId: 'sword', quantity: 4 }] })).toEqual({ current: 0, required: 1, met: false });
    expect(evaluate(one, { inventory: [] })).toEqual({ current: 0, required: 1, met: false });
  });
});

describe('DistinctItemsChallenge', () => {
  const two: Challenge = { kind: 'DistinctItemsChallenge', count: 2 };

  test('met at exactly count distinct items, unmet one below; quantities do not matter', () => {
    expect(evaluate(two, { inventory: [{ itemId: 'a', quantity: 1 }, { itemId: 'b', quantity: 1 }] })).toEqual({ current: 2, required: 2, met: true });
    expect(evaluate(two, { inventory: [{ itemId: 'a', quantity: 99 }] })).toEqual({ current: 1, required: 2, met: false });
  });

  test('zero-quantity entries are not held', () => {
    const inventory = [
      { itemId: 'a', quantity: 1 },
      { itemId: 'b', quantity: 0 },
      { itemId: 'c', quantity: 0 },
    ];
    expect(evaluate(two, { inventory })).toEqual({ current: 1, required: 2, met: false });
    expect(evaluate(two, { inventory: [...inventory, { itemId: 'd', quantity: 2 }] })).toEqual({ current: 2, required: 2, met: true });
  });

  test('coupons are not items', () => {
    expect(evaluate(two, { coupons: [{ couponId: 'x', quantity: 1 }, { couponId: 'y', quantity: 1 }] })).toEqual({ current: 0, required: 2, met: false });
  });
});

describe('the registry', () => {
  test('every challenge class has an evaluator reachable by its kind', () => {
    const samples: Record<string, Challenge> = {
      LoginStreakChallenge: { kind: 'LoginStreakChallenge', days: 1 },
      TotalLoginsChallenge: { kind: 'TotalLoginsChallenge', count: 1 },
      ReturningPlayerChallenge: { kind: 'ReturningPlayerChallenge', days: 1 },
      CurrencyChallenge: { kind: 'CurrencyChallenge', currency: Currency.COIN, comparison: Comparison.AT_LEAST, amount: 1 },
      ItemCountChallenge: { kind: 'ItemCountChallenge', itemId: 'x', count: 1 },
      DistinctItemsChallenge: { kind: 'DistinctItemsChallenge', count: 1 },
      EventsClaimedChallenge: { kind: 'EventsClaimedChallenge', count: 1, titleContains: null },
      AccountAgeChallenge: { kind: 'AccountAgeChallenge', days: 1 },
    };
    expect(CHALLENGE_DEFINITIONS.map((definition) => definition.type.name).sort()).toEqual(Object.keys(samples).sort());
    for (const challenge of Object.values(samples)) {
      expect(evaluate(challenge)).toEqual(expect.objectContaining({ required: 1 }));
    }
  });

  test('an unknown kind is refused instead of silently passing', () => {
    expect(() => evaluateChallenge({ kind: 'NoSuchChallenge', days: 1 } as unknown as Challenge, context(profile()))).toThrow(/NoSuchChallenge/);
  });
});

describe('EventsClaimedChallenge: GRANTED claims on other events, optionally by title', () => {
  const history = [
    { eventId: 'e-this', title: 'Summer Festival' },
    { eventId: 'e1', title: 'Summer Festival 2029' },
    { eventId: 'e2', title: 'Winter sale' },
    { eventId: 'e3', title: 'summer CLOSING' },
  ];
  const withHistory = (challenge: Challenge, claimHistory = history) => evaluateChallenge(challenge, context(profile(), { claimHistory }));

  test('counts other events only: the event being evaluated never counts for itself', () => {
    expect(withHistory({ kind: 'EventsClaimedChallenge', count: 3, titleContains: null })).toEqual({ current: 3, required: 3, met: true });
    expect(withHistory({ kind: 'EventsClaimedChallenge', count: 4, titleContains: null })).toEqual({ current: 3, required: 4, met: false });
  });

  test('titleContains matches case-insensitively', () => {
    expect(withHistory({ kind: 'EventsClaimedChallenge', count: 2, titleContains: 'SUMMER' })).toEqual({ current: 2, required: 2, met: true });
    expect(withHistory({ kind: 'EventsClaimedChallenge', count: 1, titleContains: 'autumn' })).toEqual({ current: 0, required: 1, met: false });
  });

  test('declares the claim history it reads: without it loaded, evaluation fails loudly', async () => {
    const { evaluationContext } = await import('../src/services/evaluation-context');
    const standing = { userId: 'u1', bannedUntil: null, createdAt: null, profile: profile(), timeZone: defaultPlayerTimeZone() };
    const unloaded = await evaluationContext(standing, 'e-this', NOW, new Set(), { grantedEventsOf: async () => history });
    expect(() => evaluateChallenge({ kind: 'EventsClaimedChallenge', count: 1, titleContains: null }, unloaded)).toThrow(/claimHistory/);
    const loaded = await evaluationContext(standing, 'e-this', NOW, new Set(['claimHistory'] as const), { grantedEventsOf: async () => history });
    expect(evaluateChallenge({ kind: 'EventsClaimedChallenge', count: 1, titleContains: null }, loaded)).toEqual({ current: 3, required: 1, met: true });
  });
});

describe('AccountAgeChallenge: whole days since the account was created', () => {
  const DAY = 86_400_000;
  const aged = (days: number, createdAt: Date | null) => evaluateChallenge({ kind: 'AccountAgeChallenge', days }, context(profile(), { accountCreatedAt: createdAt }));

  test('met exactly at the threshold, unmet a moment before it', () => {
    expect(aged(30, new Date(NOW.getTime() - 30 * DAY))).toEqual({ current: 30, required: 30, met: true });
    expect(aged(30, new Date(NOW.getTime() - 30 * DAY + 1))).toEqual({ current: 29, required: 30, met: false });
  });

  test('an account whose creation time users did not report is 0 days old', () => {
    expect(aged(1, null)).toEqual({ current: 0, required: 1, met: false });
  });
});

describe('the evaluation context loads the claim history only for events whose challenges need it', () => {
  const standing = { userId: 'u1', bannedUntil: null, createdAt: null, profile: profile({ loginStats: { currentStreak: 3 } }), timeZone: defaultPlayerTimeZone() };
  const event = (challenges: Challenge[]) => ({ id: 'e-this', challenges }) as unknown as EventRecord;

  test('no load for profile-only challenges; one load for an event with EventsClaimed', async () => {
    const { standingsFor } = await import('../src/services/challenge-standings');
    let loads = 0;
    const history = { grantedEventsOf: async () => (loads++, [{ eventId: 'e1', title: 'Spring' }]) };
    const streak: Challenge = { kind: 'LoginStreakChallenge', days: 3 };
    expect(await standingsFor(event([streak]), standing, NOW, history)).toEqual([{ challenge: streak, current: 3, required: 3, met: true }]);
    expect(loads).toBe(0);
    const claimed: Challenge = { kind: 'EventsClaimedChallenge', count: 1, titleContains: null };
    expect((await standingsFor(event([streak, claimed]), standing, NOW, history)).map((progress) => progress.met)).toEqual([true, true]);
    expect(loads).toBe(1);
  });
});
