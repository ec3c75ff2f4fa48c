import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ClaimRejectionReason } from './enums';

export enum StatsBucket {
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(StatsBucket, { name: 'StatsBucket', description: 'The width of a timeline point, in UTC.' });

@ObjectType()
export class ReasonCount {
  @Field(() => ClaimRejectionReason)
  reason!: ClaimRejectionReason;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class StatsPoint {
  @Field(() => Date, { description: 'Start of the bucket.' })
  at!: Date;

  @Field(() => Int)
  granted!: number;

  @Field(() => Int)
  rejected!: number;
}

@ObjectType({ description: "Figures over an event's claims, aggregated from indexes." })
export class EventStats {
  @Field(() => Int)
  granted!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => [ReasonCount], { description: 'Only reasons with count > 0.' })
  rejectedByReason!: ReasonCount[];

  @Field(() => Int, { description: 'Players with at least one attempt.' })
  distinctPlayers!: number;

  @Field(() => Int)
  deliveredCount!: number;

  @Field(() => Int)
  pendingDeliveryCount!: number;

  @Field(() => Int)
  failedDeliveryCount!: number;

  @Field(() => [StatsPoint], { description: 'One point per bucket with attempts, oldest first, at most 500 (the latest).' })
  timeline!: StatsPoint[];
}
