import type { CurrentAccount } from '@platform/shared';
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

/** users could not be reached or answered with an error. */
export class PlayerDirectoryUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlayerDirectoryUnavailable';
  }
}
