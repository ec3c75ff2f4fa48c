import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { requireCount } from '../../services/spec-validation';
import { Currency } from '../enums';
import { defineReward, RewardBase } from './reward-base';

@ObjectType()
@InputType('CurrencyRewardInput')
export class CurrencyReward extends RewardBase {
  @Field(() => Currency)
  @prop({ required: true, enum: Currency, type: String })
  currency!: Currency;

  @Field(() => Int)
  @prop({ required: true, min: 1 })
  amount!: number;
}

export const currencyReward = defineReward({
  type: CurrencyReward,
  inputField: 'currency',
  validate: (reward, path) => requireCount(reward.amount, `${path}.amount`),
  tally: (reward) => ({ key: reward.currency, amount: reward.amount }),
  toGrant: (reward) => ({ kind: 'CURRENCY', currency: `${reward.currency}`, amount: reward.amount }),
});
