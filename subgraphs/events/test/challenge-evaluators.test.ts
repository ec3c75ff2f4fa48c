import { emptyProfile } from '../../../test/support/fake-player-directory';
import { CHALLENGE_DEFINITIONS, evaluateChallenge, type Challenge } from '../src/schema/challenges';
import { Comparison, Currency } from '../src/schema/enums';
import type { PlayerProfile } from '../src/services/player-profile';

type ProfilePatch = Partial<Omit<PlayerProfile, 'loginStats'>> & { loginStats?: Partial<PlayerProfile['loginStats']> };

function profile(patch: ProfilePatch = {}): PlayerProfile {
  const base = emptyProfile();
  return { ...base, ...patch, loginStats: { ...base.loginStats, ...patch.loginStats } };
}

const evaluate = (challenge: Challenge, patch: ProfilePatch = {}) => evaluateChallenge(challenge, profile(patch));

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
    };
    expect(CHALLENGE_DEFINITIONS.map((definition) => definition.type.name).sort()).toEqual(Object.keys(samples).sort());
    for (const challenge of Object.values(samples)) {
      expect(evaluate(challenge)).toEqual(expect.objectContaining({ required: 1 }));
    }
  });

  test('an unknown kind is refused instead of silently passing', () => {
    expect(() => evaluateChallenge({ kind: 'NoSuchChallenge', days: 1 } as unknown as Challenge, profile())).toThrow(/NoSuchChallenge/);
  });
});
