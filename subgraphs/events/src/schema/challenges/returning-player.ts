import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { atLeast } from '../../services/player-profile';
import { requireCount } from '../../services/spec-validation';
import { ChallengeBase, defineChallenge } from './challenge-base';

@ObjectType({ description: 'Met when daysAwayBeforeLastLogin >= days.' })
@InputType('ReturningPlayerInput')
export class ReturningPlayerChallenge extends ChallengeBase {
  @Field(() => Int)
  @prop({ required: true, min: 1 })
  days!: number;
}

export const returningPlayer = defineChallenge({
  type: ReturningPlayerChallenge,
  inputField: 'returningPlayer',
  validate: (challenge, path) => requireCount(challenge.days, `${path}.days`),
  evaluate: (challenge, { profile }) => atLeast(profile.loginStats.daysAwayBeforeLastLogin, challenge.days),
});
