import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { requireCount } from '../../services/spec-validation';
import { Currency } from '../enums';
import { RewardBase, type RewardDefinition } from './reward-base';

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

export const currencyReward: RewardDefinition<CurrencyReward> = {
  type: CurrencyReward,
  inputField: 'currency',
  validate: (reward, path) => requireCount(reward.amount, `${path}.amount`),
};
