import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { requireCount, requireHoldingId } from '../../services/spec-validation';
import { RewardBase, type RewardDefinition } from './reward-base';

@ObjectType()
@InputType('ItemRewardInput')
export class ItemReward extends RewardBase {
  @Field(() => String)
  @prop({ required: true, type: String })
  itemId!: string;

  @Field(() => Int)
  @prop({ required: true, min: 1 })
  quantity!: number;
}

export const itemReward: RewardDefinition<ItemReward> = {
  type: ItemReward,
  inputField: 'item',
  validate: (reward, path) => {
    requireHoldingId(reward.itemId, `${path}.itemId`);
    requireCount(reward.quantity, `${path}.quantity`);
  },
};
