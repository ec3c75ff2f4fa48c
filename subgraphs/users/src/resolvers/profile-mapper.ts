import type { Holdings, LoginStatsRecord } from '../store/records';
import type { PlayerProfile } from '../schema/player-profile';

const sortedEntries = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, quantity]) => quantity > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function toPlayerProfile(holdings: Holdings, stats: LoginStatsRecord): PlayerProfile {
  return {
    cash: holdings.cash,
    coins: holdings.coins,
    inventory: sortedEntries(holdings.items).map(([itemId, quantity]) => ({ itemId, quantity })),
    coupons: sortedEntries(holdings.coupons).map(([couponId, quantity]) => ({ couponId, quantity })),
    loginStats: {
      totalLogins: stats.totalLogins,
      loginDays: stats.loginDays,
      currentStreak: stats.currentStreak,
      lastLoginAt: stats.lastLoginAt,
      daysAwayBeforeLastLogin: stats.daysAwayBeforeLastLogin,
    },
  };
}
