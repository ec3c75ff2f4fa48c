import { ALL_ROLES, defaultPlayerTimeZone, type PlayerTimeZone, type CurrentAccount, type Role } from '@platform/shared';
import type { Reward } from '../../subgraphs/events/src/schema/rewards';
import type { GrantRevoker } from '../../subgraphs/events/src/services/grant-revoker';
import { PlayerDirectoryUnavailable, RewardGrantRefused, type PlayerDirectory, type PlayerStanding } from '../../subgraphs/events/src/services/player-directory';
import type { PlayerProfile } from '../../subgraphs/events/src/services/player-profile';

export function emptyProfile(): PlayerProfile {
  return {
    cash: 0,
    coins: 0,
    inventory: [],
    coupons: [],
    loginStats: { totalLogins: 0, loginDays: 0, currentStreak: 0, lastLoginAt: null, daysAwayBeforeLastLogin: 0 },
  };
}

/** Parts of a profile to set; everything else stays empty. */
export type ProfileOverrides = Omit<Partial<PlayerProfile>, 'loginStats'> & { loginStats?: Partial<PlayerProfile['loginStats']> };

/**
 * The users subgraph as events sees it, in memory: profiles to evaluate, a ban list, and
 * grants credited once per grant id. `down` makes every call fail as if users were away.
 */
export class FakePlayerDirectory implements PlayerDirectory, GrantRevoker {
  readonly players = new Map<string, PlayerStanding>();
  /**
   * Accounts whose roles or ban a test set explicitly. Any other id is an account that
   * holds every role, unbanned: tokens minted for tests (operator(), admin()) stay valid.
   */
  readonly accountsById = new Map<string, CurrentAccount>();
  readonly creditedGrants = new Map<string, { userId: string; rewards: readonly Reward[] }>();
  down = false;
  /** When set, users refuses every grant for good (a 4xx) with this reason. */
  refusing: string | null = null;
  standingsCalls = 0;
  grantCalls = 0;

  set(userId: string, profile: ProfileOverrides = {}, bannedUntil: Date | null = null, timeZone: PlayerTimeZone = defaultPlayerTimeZone(), createdAt: Date | null = null) {
    const base = emptyProfile();
    this.players.set(userId, {
      userId,
      bannedUntil,
      createdAt,
      profile: { ...base, ...profile, loginStats: { ...base.loginStats, ...profile.loginStats } },
      timeZone,
    });
  }

  /** The player's zone schedule (their local days for periodic claims); the game zone until set. */
  setTimeZone(userId: string, timeZone: PlayerTimeZone) {
    const standing = this.players.get(userId);
    if (!standing) throw new Error(`no player ${userId} (call set first)`);
    standing.timeZone = timeZone;
  }

  async standings(userIds: readonly string[]): Promise<Map<string, PlayerStanding>> {
    this.standingsCalls++;
    if (this.down) throw new PlayerDirectoryUnavailable('users is down (fake)');
    return new Map(userIds.flatMap((id) => (this.players.has(id) ? [[id, structuredClone(this.players.get(id)!)] as const] : [])));
  }

  setAccount(userId: string, roles: Role[], bannedUntil: Date | null = null) {
    this.accountsById.set(userId, { roles, bannedUntil });
  }

  /** Sessions that ended (logOut, revokeSessions): their tokens no longer count. */
  readonly endedSessions = new Set<string>();

  endSession(sessionId: string) {
    this.endedSessions.add(sessionId);
  }

  async currentAccount(caller: { userId: string; sessionId: string }): Promise<CurrentAccount | null> {
    if (this.down) throw new PlayerDirectoryUnavailable('users is down (fake)');
    if (this.endedSessions.has(caller.sessionId)) return null;
    return this.accountsById.get(caller.userId) ?? { roles: [...ALL_ROLES], bannedUntil: null };
  }

  async applyRewardGrant(grant: { grantId: string; userId: string; rewards: readonly Reward[] }): Promise<'applied' | 'already-applied'> {
    this.grantCalls++;
    if (this.down) throw new PlayerDirectoryUnavailable('users is down (fake)');
    if (this.refusing !== null) throw new RewardGrantRefused(this.refusing);
    // As users: a revocation that came first took the grant's id.
    if (this.creditedGrants.has(grant.grantId) || this.revokedGrants.has(grant.grantId)) return 'already-applied';
    this.creditedGrants.set(grant.grantId, { userId: grant.userId, rewards: grant.rewards });
    return 'applied';
  }

  /** Revocations users applied, by claim id: whether the grant had been credited before. */
  readonly revokedGrants = new Map<string, { userId: string; note: string; creditedBefore: boolean }>();
  revocationCalls = 0;

  async applyRewardRevocation(revocation: { claimId: string; userId: string; rewards: readonly Reward[]; actorId: string; note: string }) {
    this.revocationCalls++;
    if (this.down) throw new PlayerDirectoryUnavailable('users is down (fake)');
    if (this.revokedGrants.has(revocation.claimId)) return { outcome: 'already-applied' as const, shortfall: null };
    this.revokedGrants.set(revocation.claimId, { userId: revocation.userId, note: revocation.note, creditedBefore: this.creditedGrants.has(revocation.claimId) });
    return { outcome: 'applied' as const, shortfall: false };
  }

  /** How many grants were credited to the user. */
  creditsOf(userId: string): number {
    return [...this.creditedGrants.values()].filter((grant) => grant.userId === userId).length;
  }
}
