import { Field, Int, ObjectType } from 'type-graphql';
import { ChallengeUnion, type Challenge } from './challenges';

@ObjectType({ description: "The caller's standing on one challenge." })
export class ChallengeProgress {
  @Field(() => ChallengeUnion)
  challenge!: Challenge;

  @Field(() => Int)
  current!: number;

  @Field(() => Int)
  required!: number;

  @Field(() => Boolean)
  met!: boolean;
}
