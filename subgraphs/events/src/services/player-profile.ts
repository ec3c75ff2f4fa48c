/** The player's standing as the users subgraph reports it (API.graphql's PlayerProfile). */
export interface PlayerProfile {
  cash: number;
  coins: number;
  inventory: { itemId: string; quantity: number }[];
  coupons: { couponId: string; quantity: number }[];
  loginStats: {
    totalLogins: number;
    loginDays: number;
    currentStreak: number;
    lastLoginAt: string | null;
    daysAwayBeforeLastLogin: number;
  };
}

export interface Progress {
  current: number;
  required: number;
  met: boolean;
}

export const atLeast = (current: number, required: number): Progress => ({ current, required, met: current >= required });
