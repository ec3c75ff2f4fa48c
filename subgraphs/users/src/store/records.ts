import type { Role } from '@platform/shared';

/** Counts per id (item or coupon); a missing id means zero. */
export type Counts = Record<string, number>;

export interface Holdings {
  cash: number;
  coins: number;
  items: Counts;
  coupons: Counts;
}

export interface LoginStatsRecord {
  totalLogins: number;
  loginDays: number;
  currentStreak: number;
  lastLoginAt: Date | null;
  /** Day number (days since 1970-01-01) of the latest login in the game time zone. */
  lastLoginDay: number | null;
  daysAwayBeforeLastLogin: number;
}

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  roles: Role[];
  createdAt: Date;
  bannedUntil: Date | null;
  holdings: Holdings;
  loginStats: LoginStatsRecord;
}

export interface SessionRecord {
  id: string;
  userId: string;
  deviceId: string;
  tokenHash: string;
  /** Hashes of tokens this session already rotated away: presenting one is reuse. */
  rotatedTokenHashes: string[];
  createdAt: Date;
  expiresAt: Date;
}

/** Signed deltas; keys absent from items/coupons are untouched. */
export interface HoldingsDelta {
  cash: number;
  coins: number;
  items: Counts;
  coupons: Counts;
}

export const emptyHoldings = (): Holdings => ({ cash: 0, coins: 0, items: {}, coupons: {} });

export const emptyLoginStats = (): LoginStatsRecord => ({
  totalLogins: 0,
  loginDays: 0,
  currentStreak: 0,
  lastLoginAt: null,
  lastLoginDay: null,
  daysAwayBeforeLastLogin: 0,
});

/** How many rotated-away tokens a session remembers for reuse detection. */
export const ROTATED_HASHES_KEPT = 50;
