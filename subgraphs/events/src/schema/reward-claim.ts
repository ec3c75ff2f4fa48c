import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@platform/shared';
import { ClaimRejectionReason, ClaimStatus, DeliveryStatus } from './enums';
import { RewardUnion, type Reward } from './rewards';

/** Every attempt is recorded. `event` and `user` are resolved in RewardClaimResolver. */
@Directive('@key(fields: "id")')
@ObjectType()
export class RewardClaim {
  @Field(() => ID)
  id!: string;

  @Field(() => ClaimStatus)
  status!: ClaimStatus;

  @Field(() => ClaimRejectionReason, { nullable: true })
  rejectionReason!: ClaimRejectionReason | null;

  @Field(() => [RewardUnion], { description: 'What was granted; empty when rejected.' })
  rewards!: Reward[];

  @Field(() => DeliveryStatus, { nullable: true, description: 'Null when rejected.' })
  delivery!: DeliveryStatus | null;

  @Field(() => String, { nullable: true })
  idempotencyKey!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'The player\'s period the claim was for: "2026-11-22" (DAILY, their local date), "2026-W47" (WEEKLY, ISO week); null for ONCE.' })
  period!: string | null;
}

@ObjectType()
export class RewardClaimEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => RewardClaim)
  node!: RewardClaim;
}

@ObjectType()
export class RewardClaimConnection {
  @Field(() => [RewardClaimEdge])
  edges!: RewardClaimEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Claims matching the filter, across all pages.' })
  totalCount!: number;
}
