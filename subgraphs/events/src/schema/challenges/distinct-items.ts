import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { atLeast } from '../../services/player-profile';
import { requireCount } from '../../services/spec-validation';
import { ChallengeBase, defineChallenge } from './challenge-base';

@ObjectType({ description: 'Met when the number of distinct items held >= count.' })
@InputType('DistinctItemsInput')
export class DistinctItemsChallenge extends ChallengeBase {
  @Field(() => Int)
  @prop({ required: true, min: 1 })
  count!: number;
}

export const distinctItems = defineChallenge({
  type: DistinctItemsChallenge,
  inputField: 'distinctItems',
  validate: (challenge, path) => requireCount(challenge.count, `${path}.count`),
  evaluate: (challenge, { profile }) => atLeast(profile.inventory.filter((item) => item.quantity > 0).length, challenge.count),
});
