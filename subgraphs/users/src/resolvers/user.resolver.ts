import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput, toConnection, type Role as RoleType } from '@platform/shared';
import { callerOf, type UsersContext } from '../context';
import { PlayerProfile } from '../schema/player-profile';
import { Role } from '../schema/role';
import { User } from '../schema/user';
import { UserConnection } from '../schema/user-connection';
import { UserFilter } from '../schema/user-filter';
import { toPlayerProfile } from './profile-mapper';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  me(@Ctx() context: UsersContext) {
    return context.userById.load(callerOf(context).userId);
  }

  @Query(() => User, { nullable: true, description: 'OPERATOR, AUDITOR, ADMIN. Null when no such user.' })
  user(@Arg('id', () => ID) id: string, @Ctx() context: UsersContext) {
    return context.services.admin.findById(id);
  }

  @Query(() => UserConnection, { description: 'AUDITOR, ADMIN. Oldest first.' })
  async users(
    @Arg('role', () => Role, { nullable: true }) role: RoleType | null | undefined,
    @Arg('filter', () => UserFilter, { nullable: true }) filter: UserFilter | null | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() context: UsersContext,
  ): Promise<UserConnection> {
    if (role && filter?.role && role !== filter.role) throw badInput('role and filter.role disagree: give one.', 'filter.role');
    const page = await context.services.admin.list({
      role: filter?.role ?? role ?? null,
      usernamePrefix: filter?.usernamePrefix ?? null,
      first: first ?? null,
      after: after ?? null,
    });
    return toConnection(page);
  }

  @FieldResolver(() => PlayerProfile, { description: 'The user themself, OPERATOR, AUDITOR, ADMIN.' })
  profile(@Root() user: User): PlayerProfile {
    return toPlayerProfile(user.holdings, user.loginStats);
  }
}
