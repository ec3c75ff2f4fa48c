import { REWARD_CLASSES, toGrantedReward, type Reward } from '../src/schema/rewards';
import { Currency } from '../src/schema/enums';

/** The reward kind is explicit end to end: from the stored class to the wire's `kind`, never sniffed from fields. */
describe('rewards as users credits them', () => {
  const samples: Record<string, Reward> = {
    CurrencyReward: { kind: 'CurrencyReward', currency: Currency.CASH, amount: 5 },
    ItemReward: { kind: 'ItemReward', itemId: 'sword', quantity: 2 },
    CouponReward: { kind: 'CouponReward', couponId: 'half-off', quantity: 1 },
  };

  test('every registered reward class has a sample here (a new type must say how it is granted)', () => {
    expect(REWARD_CLASSES.map((type) => type.name).sort()).toEqual(Object.keys(samples).sort());
  });

  test("each stored kind maps to its explicit wire kind and only that kind's fields", () => {
    expect(Object.values(samples).map(toGrantedReward)).toEqual([
      { kind: 'CURRENCY', currency: 'CASH', amount: 5 },
      { kind: 'ITEM', itemId: 'sword', quantity: 2 },
      { kind: 'COUPON', couponId: 'half-off', quantity: 1 },
    ]);
  });

  test('a stored kind this build does not know is an error, never granted as a coupon', () => {
    const unknown = { kind: 'MysteryBoxReward', couponId: 'x', quantity: 1 } as unknown as Reward;
    expect(() => toGrantedReward(unknown)).toThrow(/MysteryBoxReward/);
  });
});
