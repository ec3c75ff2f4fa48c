import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { requireCount, requireHoldingId } from '../../services/spec-validation';
import { defineReward, RewardBase } from './reward-base';

@ObjectType()
@InputType('CouponRewardInput')
export class CouponReward extends RewardBase {
  @Field(() => String)
  @prop({ required: true, type: String })
  couponId!: string;

  @Field(() => Int)
  @prop({ required: true, min: 1 })
  quantity!: number;
}

export const couponReward = defineReward({
  type: CouponReward,
  inputField: 'coupon',
  validate: (reward, path) => {
    requireHoldingId(reward.couponId, `${path}.couponId`);
    requireCount(reward.quantity, `${path}.quantity`);
  },
  tally: (reward) => ({ key: `coupon ${reward.couponId}`, amount: reward.quantity }),
  toGrant: (reward) => ({ kind: 'COUPON', couponId: reward.couponId, quantity: reward.quantity }),
});
