import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The users subgraph's User, referenced by id; events contributes User.rewardClaims. */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserReference {
  @Field(() => ID)
  id!: string;
}
