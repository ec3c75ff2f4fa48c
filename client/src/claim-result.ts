import type { ClaimRewardMutation } from './generated/graphql';
import { isTypename, type Member } from './unions';

/** What claimReward returns: RewardClaimed or ClaimRejected. */
export type ClaimRewardResult = ClaimRewardMutation['claimReward'];
export type RewardClaimedResult = Member<ClaimRewardResult, 'RewardClaimed'>;
export type ClaimRejectedResult = Member<ClaimRewardResult, 'ClaimRejected'>;

export function isRewardClaimed(result: ClaimRewardResult): result is RewardClaimedResult {
  return isTypename(result, 'RewardClaimed');
}

export function isClaimRejected(result: ClaimRewardResult): result is ClaimRejectedResult {
  return isTypename(result, 'ClaimRejected');
}
