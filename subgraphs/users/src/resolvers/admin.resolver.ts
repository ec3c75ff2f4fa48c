import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Role as RoleType } from '@platform/shared';
import { callerOf, type UsersContext } from '../context';
import { PlayerProfile } from '../schema/player-profile';
import { HoldingsAdjustmentInput } from '../schema/inputs';
import { Role } from '../schema/role';
import { User } from '../schema/user';
import { toPlayerProfile } from './profile-mapper';

@Resolver()
export class AdminResolver {
  @Mutation(() => Int, { description: 'ADMIN. Ends every session of the user; returns how many.' })
  revokeSessions(@Arg('userId', () => ID) userId: string, @Ctx() context: UsersContext) {
    return context.services.admin.revokeSessions(callerOf(context).userId, userId);
  }

  @Mutation(() => User, { description: 'ADMIN. Takes effect in the user\'s next access token (at the next refresh or log-in).' })
  setRoles(
    @Arg('userId', () => ID) userId: string,
    @Arg('roles', () => [Role]) roles: RoleType[],
    @Ctx() context: UsersContext,
  ) {
    return context.services.admin.setRoles(callerOf(context).userId, userId, roles);
  }

  @Mutation(() => User, { description: 'ADMIN. null lifts the ban. A ban ends every session of the user.' })
  banUser(
    @Arg('userId', () => ID) userId: string,
    @Arg('until', () => Date, { nullable: true }) until: Date | null | undefined,
    @Ctx() context: UsersContext,
  ) {
    return context.services.admin.ban(callerOf(context).userId, userId, until ?? null);
  }

  @Mutation(() => PlayerProfile, { description: 'OPERATOR, ADMIN. All or nothing: no balance may go below zero.' })
  async adjustHoldings(
    @Arg('userId', () => ID) userId: string,
    @Arg('input', () => HoldingsAdjustmentInput) input: HoldingsAdjustmentInput,
    @Ctx() context: UsersContext,
  ): Promise<PlayerProfile> {
    const user = await context.services.admin.require(userId);
    const holdings = await context.services.holdings.adjust(callerOf(context).userId, user.id, input);
    return toPlayerProfile(holdings, user.loginStats);
  }
}
