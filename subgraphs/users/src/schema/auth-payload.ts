import { Field, ObjectType } from 'type-graphql';
import { User } from './user';

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' })
  accessToken!: string;

  @Field(() => Date)
  accessTokenExpiresAt!: Date;

  @Field(() => String, { description: 'Single use: refreshSession returns a new one.' })
  refreshToken!: string;

  @Field(() => Date)
  refreshTokenExpiresAt!: Date;

  @Field(() => User)
  user!: User;
}
