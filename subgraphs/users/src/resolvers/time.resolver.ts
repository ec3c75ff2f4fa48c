import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { callerOf, type UsersContext } from '../context';
import { User } from '../schema/user';

/** The platform's clock and each player's own day. */
@Resolver(() => User)
export class TimeResolver {
  @Query(() => Date, { description: "Anyone. The platform's clock (the test clock included): show countdowns without trusting the device clock." })
  serverTime(@Ctx() context: UsersContext): Date {
    return context.services.clock.now();
  }

  @Mutation(() => Date, {
    description: 'ADMIN; only with TEST_CLOCK=enabled outside production. Moves the clock of every service forward by 1 to 31622400 seconds; returns the new now.',
  })
  advanceTestClock(@Arg('seconds', () => Int) seconds: number, @Ctx() context: UsersContext): Promise<Date> {
    return context.services.testClock.advance(seconds);
  }

  @Mutation(() => User, {
    description:
      'Signed in. IANA name, e.g. "Europe/Berlin" (BAD_USER_INPUT otherwise). Takes effect at the first midnight of the new zone after the current local day ends; at most once per 7 days (RATE_LIMITED with retryAt).',
  })
  setTimeZone(@Arg('timeZone', () => String) timeZone: string, @Ctx() context: UsersContext) {
    return context.services.timeZones.setTimeZone(callerOf(context).userId, timeZone);
  }

  @FieldResolver(() => String, {
    description: 'Self or staff. IANA name the player chose (GAME_TIME_ZONE until they set one); login-stat days and daily periods are its local days.',
  })
  timeZone(@Root() user: User, @Ctx() context: UsersContext): string {
    return context.services.timeZones.chosenZone(user);
  }
}
