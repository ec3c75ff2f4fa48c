import type { EventsContext } from '../context';
import { canSeeClaim } from '../services/claim-service';

/** Federation: RewardClaim by id, batched; a player resolves only their own claims, staff any. */
export const rewardClaimReference = {
  RewardClaim: {
    __resolveReference: async (reference: { id: string }, context: EventsContext) => {
      const caller = context.auth.caller;
      const claim = caller ? await context.claimById.load(reference.id) : null;
      return claim && caller && canSeeClaim(caller, claim) ? claim : null;
    },
  },
};
