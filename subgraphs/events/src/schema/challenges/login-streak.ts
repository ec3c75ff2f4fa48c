import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { atLeast } from '../../services/player-profile';
import { requireCount } from '../../services/spec-validation';
import { ChallengeBase, defineChallenge } from './challenge-base';

@ObjectType({ description: 'Met when currentStreak >= days.' })
@InputType('LoginStreakInput')
export class LoginStreakChallenge extends ChallengeBase {
  @Field(() => Int)
  @prop({ required: true, min: 1 })
  days!: number;
}

export const loginStreak = defineChallenge({
  type: LoginStreakChallenge,
  inputField: 'loginStreak',
  validate: (challenge, path) => requireCount(challenge.days, `${path}.days`),
  evaluate: (challenge, { profile }) => atLeast(profile.loginStats.currentStreak, challenge.days),
});
