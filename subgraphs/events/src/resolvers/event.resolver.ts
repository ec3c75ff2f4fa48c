import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isStaff, toConnection } from '@platform/shared';
import { callerOf, type EventsContext } from '../context';
import { ChallengeProgress } from '../schema/challenge-progress';
import { ClaimPeriod, EventStatus } from '../schema/enums';
import { Event } from '../schema/event';
import { EventConnection } from '../schema/event-connection';
import { CreateEventInput, EventFilter, UpdateEventInput } from '../schema/event-inputs';
import { RewardClaim } from '../schema/reward-claim';
import { UserReference } from '../schema/user';
import { standingsFor } from '../services/challenge-standings';
import { eventStatus } from '../services/event-status';
import type { EventRecord } from '../store/records';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'Null when missing or not visible to the caller.' })
  event(@Arg('id', () => ID) id: string, @Ctx() context: EventsContext) {
    return context.services.events.findVisible(context.auth.caller, id);
  }

  @Query(() => EventConnection, { description: 'Ordered by startsAt, then id. Players see public, active events.' })
  async events(
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() context: EventsContext,
  ) {
    return toConnection(await context.services.events.list(context.auth.caller, filter ?? {}, first, after));
  }

  @Mutation(() => Event, { description: 'OPERATOR, ADMIN.' })
  createEvent(@Arg('input', () => CreateEventInput) input: CreateEventInput, @Ctx() context: EventsContext) {
    return context.services.events.create(callerOf(context).userId, { ...input, challenges: input.challenges ?? [] });
  }

  @Mutation(() => Event, { description: 'OPERATOR, ADMIN. Challenges and rewards are frozen once a claim was granted.' })
  updateEvent(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateEventInput) input: UpdateEventInput, @Ctx() context: EventsContext) {
    return context.services.events.update(callerOf(context).userId, id, input);
  }

  @FieldResolver(() => EventStatus)
  status(@Root() event: EventRecord, @Ctx() context: EventsContext): EventStatus {
    return eventStatus(event, context.services.clock.now());
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'Null for USER callers.' })
  createdBy(@Root() event: EventRecord, @Ctx() context: EventsContext): UserReference | null {
    return isStaff(context.auth.caller) ? { id: event.createdBy } : null;
  }

  @FieldResolver(() => RewardClaim, { nullable: true, description: "The caller's granted claim, if any." })
  myClaim(@Root() event: EventRecord, @Ctx() context: EventsContext) {
    return context.myGrantedClaim.load(event.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Null when unlimited; on DAILY/WEEKLY events, what is left in the current game-time-zone period.' })
  claimsRemaining(@Root() event: EventRecord, @Ctx() context: EventsContext): Promise<number | null> {
    return context.services.periods.claimsRemaining(event);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the caller may claim again (their next local midnight or week); null when never again or now.' })
  async myNextClaimAt(@Root() event: EventRecord, @Ctx() context: EventsContext): Promise<Date | null> {
    const userId = context.auth.caller?.userId;
    if (!userId || event.claimPeriod === ClaimPeriod.ONCE) return null;
    const newest = await context.myGrantedClaim.load(event.id);
    if (!newest) return null;
    const standing = await context.standingOf.load(userId);
    return standing ? context.services.periods.nextClaimAt(event, newest, standing.timeZone) : null;
  }

  @FieldResolver(() => [ChallengeProgress], { description: "The caller's standing on each challenge." })
  async myProgress(@Root() event: EventRecord, @Ctx() context: EventsContext): Promise<ChallengeProgress[]> {
    if (event.challenges.length === 0) return [];
    const standing = await context.standingOf.load(callerOf(context).userId);
    return standing ? standingsFor(event, standing, context.services.clock.now(), context.claimHistory) : [];
  }
}
