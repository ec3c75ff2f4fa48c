import type { PlayerTimeZone, Role } from '@platform/shared';
import type { AttemptCounterStore } from './attempt-counters';
import type { AuditStore } from './audit';
import type { LedgerEntryRecord, LedgerQuery, LedgerStamp, RevocationApplication, RevocationRequest } from './ledger';
import type { Holdings, HoldingsDelta, LoginStatsRecord, SessionRecord, UserRecord } from './records';

export type NewUser = Omit<UserRecord, 'holdings' | 'loginStats' | 'timeZone'>;

export type HoldingsChange =
  | { outcome: 'applied'; holdings: Holdings }
  | { outcome: 'insufficient' }
  | { outcome: 'user-not-found' };

export type GrantApplication =
  | { outcome: 'applied'; holdings: Holdings }
  | { outcome: 'already-applied'; holdings: Holdings }
  /** A balance would pass MAX_BALANCE: nothing credited, the grant stays pending. */
  | { outcome: 'refused' }
  | { outcome: 'user-not-found' };

/** `usernamePrefix` matches case-insensitively. */
export interface UserListQuery {
  role?: Role;
  usernamePrefix?: string;
  afterId?: string;
  limit: number;
}

export interface UserStore {
  /** Throws `UsernameTakenError` when the name (case-insensitive) exists. */
  create(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByIds(ids: readonly string[]): Promise<UserRecord[]>;
  findByUsername(username: string): Promise<UserRecord | null>;
  /** Ordered by id ascending, ids greater than `afterId`; `limit` rows at most. */
  list(query: UserListQuery): Promise<UserRecord[]>;
  countWithRole(role: Role): Promise<number>;
  setRoles(id: string, roles: Role[]): Promise<UserRecord | null>;
  setBannedUntil(id: string, until: Date | null): Promise<UserRecord | null>;
  /**
   * Applies `next` to the stored stats atomically: concurrent logins never lose a count.
   */
  updateLoginStats(id: string, next: (current: LoginStatsRecord) => LoginStatsRecord): Promise<UserRecord | null>;
  /**
   * Stores `next` only while the last change request is still `expectedRequestedAt`
   * (two concurrent changes cannot both pass the once-a-week rule); null otherwise.
   */
  replaceTimeZone(id: string, expectedRequestedAt: Date | null, next: PlayerTimeZone): Promise<UserRecord | null>;
  /**
   * All-or-nothing: refused when any balance would go below zero. Writes an ADJUSTMENT
   * ledger entry (with the stamp's actor and note) in the same transaction.
   */
  adjustHoldings(id: string, delta: HoldingsDelta, stamp?: LedgerStamp): Promise<HoldingsChange>;
  /** Credits `delta` once per `grantId` (the claim id), with its REWARD_GRANT ledger entry. */
  applyGrant(grantId: string, userId: string, delta: HoldingsDelta, at: Date): Promise<GrantApplication>;
  /**
   * Debits what is still held of a grant (never below zero), once per `revocationId`,
   * with its REVOCATION ledger entry in the same transaction. A grant not credited yet is
   * never credited afterwards: the revocation takes its grant id (nothing to debit then).
   */
  applyRevocation(request: RevocationRequest): Promise<RevocationApplication>;
  /** The player's ledger, newest first. */
  ledger(userId: string, query: LedgerQuery): Promise<LedgerEntryRecord[]>;
  /** Swaps the password hash only while it is still `expected` (upgrades race nothing); false otherwise. */
  replacePasswordHash(id: string, expected: string, next: string): Promise<boolean>;
  ping(): Promise<void>;
}

export interface SessionStore {
  /** Replaces any session of the same (user, device). */
  replaceForDevice(session: SessionRecord): Promise<void>;
  findById(id: string): Promise<SessionRecord | null>;
  /** Swaps the token only if `expectedHash` is still current; false when it lost a race. */
  rotate(id: string, expectedHash: string, nextHash: string, expiresAt: Date): Promise<boolean>;
  deleteById(id: string): Promise<boolean>;
  deleteForDevice(userId: string, deviceId: string): Promise<number>;
  deleteAllForUser(userId: string): Promise<number>;
}

export class UsernameTakenError extends Error {
  constructor(username: string) {
    super(`username ${username} is taken`);
  }
}

/**
 * The test clock's offset (TEST_CLOCK=enabled), kept in the store so that every users
 * instance reads the same one and a restart does not turn time back.
 */
export interface TestClockStore {
  /** 0 until advanced. */
  offsetMs(): Promise<number>;
  /** Adds `ms` atomically; the new offset. */
  advance(ms: number): Promise<number>;
}

export interface UsersStores {
  users: UserStore;
  sessions: SessionStore;
  attempts: AttemptCounterStore;
  testClock: TestClockStore;
  audit: AuditStore;
}
