import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { PlayerTimeZone, Role as RoleType } from '@platform/shared';
import type { Holdings, LoginStatsRecord } from '../store/records';
import { Role } from './role';

@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  username!: string;

  @Field(() => [Role])
  roles!: RoleType[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  bannedUntil!: Date | null;

  // Not fields: what User.profile is built from.
  holdings!: Holdings;
  loginStats!: LoginStatsRecord;
  timeZone!: PlayerTimeZone;
}
