import { Field, InputType, Int } from 'type-graphql';
import { ChallengeInput } from './challenges';
import { ClaimPeriod, EventStatus } from './enums';
import { RewardInput } from './rewards';

@InputType()
export class CreateEventInput {
  @Field(() => String, { description: '1–200 chars' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Up to 5000 chars' })
  description?: string | null;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { description: 'After startsAt' })
  endsAt!: Date;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  isPublic?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  active?: boolean | null;

  @Field(() => [ChallengeInput], { nullable: true, defaultValue: [], description: 'At most 10' })
  challenges?: ChallengeInput[] | null;

  @Field(() => [RewardInput], { description: '1–20, every amount/quantity >= 1' })
  rewards!: RewardInput[];

  @Field(() => Int, { nullable: true, description: '>= 1 when set; per game period on DAILY/WEEKLY events' })
  claimLimit?: number | null;

  @Field(() => ClaimPeriod, { nullable: true, defaultValue: ClaimPeriod.ONCE })
  claimPeriod?: ClaimPeriod | null;
}

@InputType({ description: 'Every field optional; rewards and challenges may not change once a claim was granted.' })
export class UpdateEventInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  description?: string | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => Boolean, { nullable: true })
  isPublic?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => [ChallengeInput], { nullable: true })
  challenges?: ChallengeInput[] | null;

  @Field(() => [RewardInput], { nullable: true })
  rewards?: RewardInput[] | null;

  @Field(() => Int, { nullable: true, description: 'null makes it unlimited; never below the claims already granted' })
  claimLimit?: number | null;

  @Field(() => ClaimPeriod, { nullable: true, description: 'Frozen once a claim was granted' })
  claimPeriod?: ClaimPeriod | null;
}

@InputType()
export class EventFilter {
  @Field(() => EventStatus, { nullable: true })
  status?: EventStatus | null;

  @Field(() => Boolean, { nullable: true })
  isPublic?: boolean | null;

  @Field(() => Date, { nullable: true })
  startsAfter?: Date | null;

  @Field(() => Date, { nullable: true })
  startsBefore?: Date | null;
}
