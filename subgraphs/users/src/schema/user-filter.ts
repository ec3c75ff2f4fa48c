import { Field, InputType } from 'type-graphql';
import { Role } from './role';
import type { Role as RoleType } from '@platform/shared';

@InputType({ description: 'Conditions AND-ed.' })
export class UserFilter {
  @Field(() => Role, { nullable: true })
  role?: RoleType | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive prefix of the username, 1–32 chars.' })
  usernamePrefix?: string | null;
}
