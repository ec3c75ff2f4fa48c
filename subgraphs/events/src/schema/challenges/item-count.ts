import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { atLeast } from '../../services/player-profile';
import { requireCount, requireHoldingId } from '../../services/spec-validation';
import { ChallengeBase, defineChallenge } from './challenge-base';

@ObjectType({ description: 'Met when the quantity held of itemId >= count.' })
@InputType('ItemCountInput')
export class ItemCountChallenge extends ChallengeBase {
  @Field(() => String)
  @prop({ required: true, type: String })
  itemId!: string;

  @Field(() => Int)
  @prop({ required: true, min: 1 })
  count!: number;
}

export const itemCount = defineChallenge({
  type: ItemCountChallenge,
  inputField: 'itemCount',
  validate: (challenge, path) => {
    requireHoldingId(challenge.itemId, `${path}.itemId`);
    requireCount(challenge.count, `${path}.count`);
  },
  evaluate: (challenge, { profile }) =>
    atLeast(profile.inventory.find((item) => item.itemId === challenge.itemId)?.quantity ?? 0, challenge.count),
});
