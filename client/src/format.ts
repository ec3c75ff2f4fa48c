import type { ChallengeFieldsFragment, RewardFieldsFragment } from './generated/graphql';
import { matchTypename } from './unions';

/**
 * One reward as a compact, parseable token: `currency:CASH:500`, `item:sword:1`,
 * `coupon:half-off:2`. Used in tables and in the CSV export (joined with `;`).
 */
export function formatReward(reward: RewardFieldsFragment): string {
  return matchTypename(reward, {
    CurrencyReward: (r) => `currency:${r.currency}:${r.amount}`,
    ItemReward: (r) => `item:${r.itemId}:${r.quantity}`,
    CouponReward: (r) => `coupon:${r.couponId}:${r.quantity}`,
  });
}

export function formatRewards(rewards: readonly RewardFieldsFragment[]): string {
  return rewards.map(formatReward).join(';');
}

/** One challenge in words, e.g. `login streak >= 7 days`. */
export function formatChallenge(challenge: ChallengeFieldsFragment): string {
  return matchTypename(challenge, {
    LoginStreakChallenge: (c) => `login streak >= ${c.days} days`,
    TotalLoginsChallenge: (c) => `total logins >= ${c.count}`,
    ReturningPlayerChallenge: (c) => `away >= ${c.days} days`,
    CurrencyChallenge: (c) => `${c.currency} ${c.comparison === 'AT_LEAST' ? '>=' : '<='} ${c.amount}`,
    ItemCountChallenge: (c) => `${c.itemId} x >= ${c.count}`,
    DistinctItemsChallenge: (c) => `distinct items >= ${c.count}`,
    EventsClaimedChallenge: (c) => `other events claimed >= ${c.count}${c.titleContains ? ` (title contains "${c.titleContains}")` : ''}`,
    AccountAgeChallenge: (c) => `account age >= ${c.days} days`,
  });
}
