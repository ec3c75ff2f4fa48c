import { DomainError, ErrorCode, RETRY_AFTER_SECONDS, type CurrentAccount } from '@platform/shared';
import type { Reward } from '../schema/rewards';
import type { PlayerProfile } from './player-profile';

export interface PlayerStanding {
  userId: string;
  bannedUntil: Date | null;
  profile: PlayerProfile;
}

/** The events subgraph's view of the users subgraph (internal calls, service credential). */
export interface PlayerDirectory {
  /** Standings of the users that exist; unknown ids are absent from the map. */
  standings(userIds: readonly string[]): Promise<Map<string, PlayerStanding>>;
  /** Roles and ban of the accounts as they are now (access tokens may be older). */
  accounts(userIds: readonly string[]): Promise<Map<string, CurrentAccount>>;
  /** Credits a grant once per grantId; throws when users cannot be reached or refuses. */
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
