import type { PlayerTimeZone, Role } from '@platform/shared';

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
  /** Player day number (see player-days.ts) of the latest play session. */
  lastLoginDay: number | null;
  daysAwayBeforeLastLogin: number;
  /** Last activity: the latest signUp, logIn or refreshSession, on any device. */
  lastActiveAt: Date | null;
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
  /** The player's chosen zone and its phase-in; empty spans: GAME_TIME_ZONE. */
  timeZone: PlayerTimeZone;
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
  lastActiveAt: null,
});

/** How many rotated-away tokens a session remembers for reuse detection. */
export const ROTATED_HASHES_KEPT = 50;
