import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ChallengeUnion, type Challenge } from './challenges';
import { RewardUnion, type Reward } from './rewards';

/** Status, createdBy, myClaim and myProgress are resolved in EventResolver. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Event {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => Boolean)
  isPublic!: boolean;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => [ChallengeUnion])
  challenges!: Challenge[];

  @Field(() => [RewardUnion])
  rewards!: Reward[];

  @Field(() => Int, { nullable: true, description: 'First come, first served; null = unlimited.' })
  claimLimit!: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when unlimited.' })
  claimsRemaining!: number | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}
