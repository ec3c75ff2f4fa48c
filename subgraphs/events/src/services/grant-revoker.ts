import type { Reward } from '../schema/rewards';

/** users' side of a revocation: takes back what is still held of a claim's grant, once per claim id. */
export interface GrantRevoker {
  /** Throws PlayerDirectoryUnavailable (or another error) when users did not apply it; the outbox retries. */
  applyRewardRevocation(revocation: { claimId: string; userId: string; rewards: readonly Reward[]; actorId: string; note: string }): Promise<{ outcome: 'applied' | 'already-applied'; shortfall: boolean | null }>;
}
