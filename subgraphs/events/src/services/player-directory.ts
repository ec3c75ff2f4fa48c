import { DomainError, ErrorCode, RETRY_AFTER_SECONDS, type CurrentAccount, type PlayerTimeZone } from '@platform/shared';
import type { Reward } from '../schema/rewards';
import type { PlayerProfile } from './player-profile';

export interface PlayerStanding {
  userId: string;
  bannedUntil: Date | null;
  /** When the account was created; null when users did not report it. */
  createdAt: Date | null;
  profile: PlayerProfile;
  /** The player's zone schedule: their local days for periodic claims. */
  timeZone: PlayerTimeZone;
}

/** The events subgraph's view of the users subgraph (internal calls, service credential). */
export interface PlayerDirectory {
  /** Standings of the users that exist; unknown ids are absent from the map. */
  standings(userIds: readonly string[]): Promise<Map<string, PlayerStanding>>;
  /**
   * Roles and ban of the caller's account as they are now (access tokens may be older);
   * null once the token's session has ended (logOut, revokeSessions, a ban) or the account is gone.
   */
  currentAccount(caller: { userId: string; sessionId: string }): Promise<CurrentAccount | null>;
  /**
   * Credits a grant once per grantId. Throws RewardGrantRefused when users refuses it for
   * good, PlayerDirectoryUnavailable when it cannot answer (worth retrying).
   */
  applyRewardGrant(grant: { grantId: string; userId: string; rewards: readonly Reward[] }): Promise<'applied' | 'already-applied'>;
}

/**
 * users could not be reached or answered with an error. A SERVICE_UNAVAILABLE domain error,
 * so whichever operation needed users reports it the same way; the client sees a fixed
 * message, `detail` (what actually failed) is for logs and the delivery outbox.
 */
export class PlayerDirectoryUnavailable extends DomainError {
  constructor(readonly detail: string) {
    super(ErrorCode.SERVICE_UNAVAILABLE, 'The users service is unavailable right now; try again shortly.', { retryAfterSeconds: RETRY_AFTER_SECONDS });
    this.name = 'PlayerDirectoryUnavailable';
  }
}

/**
 * users answered that this grant can never be applied as it is (a balance would pass its
 * maximum, the user does not exist, the grant is malformed): retrying will not help until
 * someone fixes the cause. Not a client-facing error: deliveries happen after the grant.
 */
export class RewardGrantRefused extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'RewardGrantRefused';
  }
}
