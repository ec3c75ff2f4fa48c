import { createUnionType, Field, ObjectType } from 'type-graphql';
import { ChallengeProgress } from './challenge-progress';
import { ClaimRejectionReason } from './enums';
import { RewardClaim } from './reward-claim';

@ObjectType()
export class RewardClaimed {
  @Field(() => RewardClaim)
  claim!: RewardClaim;
}

@ObjectType()
export class ClaimRejected {
  @Field(() => ClaimRejectionReason)
  reason!: ClaimRejectionReason;

  @Field(() => String)
  message!: string;

  @Field(() => RewardClaim, { nullable: true, description: 'The recorded attempt (or, for ALREADY_CLAIMED, the earlier grant).' })
  attempt!: RewardClaim | null;

  @Field(() => RewardClaim, {
    nullable: true,
    description: 'The same as attempt.',
    deprecationReason: 'Use attempt: selecting claim in both branches of ClaimRewardResult fails validation (RewardClaimed.claim is non-null).',
  })
  claim!: RewardClaim | null;

  @Field(() => [ChallengeProgress], { description: 'Set for CHALLENGE_NOT_MET.' })
  unmet!: ChallengeProgress[];
}

export const ClaimRewardResult = createUnionType({
  name: 'ClaimRewardResult',
  types: () => [RewardClaimed, ClaimRejected] as const,
  resolveType: (result) => ('reason' in result ? ClaimRejected : RewardClaimed),
});
