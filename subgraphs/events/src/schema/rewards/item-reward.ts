import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { requireCount, requireHoldingId } from '../../services/spec-validation';
import { defineReward, RewardBase } from './reward-base';

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

export const itemReward = defineReward({
  type: ItemReward,
  inputField: 'item',
  validate: (reward, path) => {
    requireHoldingId(reward.itemId, `${path}.itemId`);
    requireCount(reward.quantity, `${path}.quantity`);
  },
  tally: (reward) => ({ key: `item ${reward.itemId}`, amount: reward.quantity }),
  toGrant: (reward) => ({ kind: 'ITEM', itemId: reward.itemId, quantity: reward.quantity }),
});
