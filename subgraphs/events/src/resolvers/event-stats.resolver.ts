import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { EventsContext } from '../context';
import { Event } from '../schema/event';
import { EventStats, StatsBucket } from '../schema/event-stats';
import type { EventRecord } from '../store/records';

@Resolver(() => Event)
export class EventStatsResolver {
  @FieldResolver(() => EventStats, { nullable: true, description: 'OPERATOR, AUDITOR, ADMIN; null for USER callers.' })
  stats(
    @Root() event: EventRecord,
    @Arg('bucket', () => StatsBucket, { nullable: true, defaultValue: StatsBucket.HOUR }) bucket: StatsBucket | null | undefined,
    @Ctx() context: EventsContext,
  ) {
    return context.services.stats.forEvent(context.auth.caller, event.id, bucket === StatsBucket.DAY ? 'day' : 'hour');
  }
}
