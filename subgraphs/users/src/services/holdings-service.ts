import { badInput, HOLDING_ID_RULE, isHoldingId, notFound, unhandledKind, type Clock, type GrantedReward } from '@platform/shared';
import { countOf, MAX_BALANCE } from '../store/holdings-delta';
import type { UserStore } from '../store/ports';
import type { Counts, Holdings, HoldingsDelta } from '../store/records';

export interface HoldingsAdjustment {
  cash?: number | null;
  coins?: number | null;
  items?: readonly { itemId: string; quantity: number }[] | null;
  coupons?: readonly { couponId: string; quantity: number }[] | null;
}

/** A reward as events grants it: the shared wire shape, with an explicit kind. */
export type { GrantedReward } from '@platform/shared';

function counts(entries: readonly { id: string; quantity: number }[], field: string, idName: string): Counts {
  const result: Counts = {};
  entries.forEach(({ id, quantity }, index) => {
    if (!isHoldingId(id)) throw badInput(`${idName} must be ${HOLDING_ID_RULE}.`, `${field}[${index}].${idName}`);
    if (Object.hasOwn(result, id)) throw badInput(`${idName} "${id}" is listed twice.`, `${field}[${index}].${idName}`);
    result[id] = quantity;
  });
  return result;
}

/** Which balance refused the change, for the error message. */
function describeShortfall(holdings: Holdings, delta: HoldingsDelta): string {
  const balances: [string, number, number][] = [
    ['cash', holdings.cash, delta.cash],
    ['coins', holdings.coins, delta.coins],
    ...Object.entries(delta.items).map(([id, change]): [string, number, number] => [`item "${id}"`, countOf(holdings.items, id), change]),
    ...Object.entries(delta.coupons).map(([id, change]): [string, number, number] => [`coupon "${id}"`, countOf(holdings.coupons, id), change]),
  ];
  for (const [name, current, change] of balances) {
    if (current + change < 0) return `${name} would go below zero (has ${current}).`;
    if (current + change > MAX_BALANCE) return `${name} would exceed ${MAX_BALANCE} (has ${current}).`;
  }
  return 'a balance would leave its range.';
}

/** The player's cash, coins, items and coupons: operator adjustments and reward grants. */
export class HoldingsService {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
  ) {}

  async adjust(userId: string, input: HoldingsAdjustment): Promise<Holdings> {
    const delta: HoldingsDelta = {
      cash: input.cash ?? 0,
      coins: input.coins ?? 0,
      items: counts((input.items ?? []).map((i) => ({ id: i.itemId, quantity: i.quantity })), 'input.items', 'itemId'),
      coupons: counts((input.coupons ?? []).map((c) => ({ id: c.couponId, quantity: c.quantity })), 'input.coupons', 'couponId'),
    };
    const changes = [delta.cash, delta.coins, ...Object.values(delta.items), ...Object.values(delta.coupons)];
    if (changes.every((change) => change === 0)) throw badInput('The adjustment changes nothing.', 'input');
    const result = await this.users.adjustHoldings(userId, delta);
    if (result.outcome === 'user-not-found') throw notFound(`No user with id "${userId}".`);
    if (result.outcome === 'insufficient') {
      const user = await this.users.findById(userId);
      throw badInput(`Nothing was changed: ${user ? describeShortfall(user.holdings, delta) : 'a balance would leave its range.'}`, 'input');
    }
    return result.holdings;
  }

  /** Credits a granted claim once, however many times delivery is retried. */
  async applyRewardGrant(grantId: string, userId: string, rewards: readonly GrantedReward[]) {
    const delta: HoldingsDelta = { cash: 0, coins: 0, items: {}, coupons: {} };
    for (const reward of rewards) {
      if (reward.kind === 'CURRENCY') {
        if (reward.currency === 'CASH') delta.cash += reward.amount;
        else delta.coins += reward.amount;
      } else if (reward.kind === 'ITEM') {
        delta.items[reward.itemId] = countOf(delta.items, reward.itemId) + reward.quantity;
      } else if (reward.kind === 'COUPON') {
        delta.coupons[reward.couponId] = countOf(delta.coupons, reward.couponId) + reward.quantity;
      } else {
        unhandledKind(reward);
      }
    }
    return this.users.applyGrant(grantId, userId, delta, this.clock.now());
  }
}
