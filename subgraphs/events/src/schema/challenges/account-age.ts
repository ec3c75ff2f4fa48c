import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { atLeast } from '../../services/player-profile';
import { requireCount } from '../../services/spec-validation';
import { ChallengeBase, defineChallenge } from './challenge-base';

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to`; an unknown start counts as 0 days. */
function wholeDaysBetween(from: Date | null, to: Date): number {
  return from ? Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS)) : 0;
}

@ObjectType({ description: 'Met when the account was created >= days ago (whole days).' })
@InputType('AccountAgeInput')
export class AccountAgeChallenge extends ChallengeBase {
  @Field(() => Int)
  @prop({ required: true, min: 1 })
  days!: number;
}

export const accountAge = defineChallenge({
  type: AccountAgeChallenge,
  inputField: 'accountAge',
  validate: (challenge, path) => requireCount(challenge.days, `${path}.days`),
  evaluate: (challenge, { accountCreatedAt, now }) => atLeast(wholeDaysBetween(accountCreatedAt, now), challenge.days),
});
