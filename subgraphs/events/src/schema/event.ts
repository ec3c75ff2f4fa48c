import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ChallengeUnion, type Challenge } from './challenges';
import { ClaimPeriod } from './enums';
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

  @Field(() => ClaimPeriod, { description: 'ONCE unless set; DAILY/WEEKLY: once per player per period (their local day / ISO week).' })
  claimPeriod!: ClaimPeriod;

  @Field(() => Int, { nullable: true, description: 'First come, first served; null = unlimited. Per game-time-zone period on DAILY/WEEKLY events.' })
  claimLimit!: number | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}
