import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { atLeast } from '../../services/player-profile';
import { requireCount } from '../../services/spec-validation';
import { ChallengeBase, defineChallenge } from './challenge-base';

@ObjectType({ description: 'Met when totalLogins >= count.' })
@InputType('TotalLoginsInput')
export class TotalLoginsChallenge extends ChallengeBase {
  @Field(() => Int)
  @prop({ required: true, min: 1 })
  count!: number;
}

export const totalLogins = defineChallenge({
  type: TotalLoginsChallenge,
  inputField: 'totalLogins',
  validate: (challenge, path) => requireCount(challenge.count, `${path}.count`),
  evaluate: (challenge, { profile }) => atLeast(profile.loginStats.totalLogins, challenge.count),
});
