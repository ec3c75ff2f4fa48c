import { createUnionType, Field, InputType } from 'type-graphql';
import { pickOne } from '../one-of';
import { couponReward, CouponReward } from './coupon-reward';
import { currencyReward, CurrencyReward } from './currency-reward';
import { itemReward, ItemReward } from './item-reward';
import { RewardBase, type RewardDefinition } from './reward-base';

export { CouponReward, CurrencyReward, ItemReward, RewardBase };

export const REWARD_DEFINITIONS: readonly RewardDefinition[] = [currencyReward, itemReward, couponReward];
export const REWARD_CLASSES = REWARD_DEFINITIONS.map((definition) => definition.type);

export type Reward = CurrencyReward | ItemReward | CouponReward;

export const RewardUnion = createUnionType({
  name: 'Reward',
  types: () => REWARD_CLASSES as [typeof CurrencyReward, ...(typeof CurrencyReward)[]],
  resolveType: (reward: RewardBase) => reward.kind,
});

@InputType({ description: 'Exactly one field set.' })
export class RewardInput {
  @Field(() => CurrencyReward, { nullable: true })
  currency?: CurrencyReward | null;

  @Field(() => ItemReward, { nullable: true })
  item?: ItemReward | null;

  @Field(() => CouponReward, { nullable: true })
  coupon?: CouponReward | null;
}

const byInputField = new Map(REWARD_DEFINITIONS.map((definition) => [definition.inputField, definition]));

export function rewardFromInput(input: RewardInput, path: string): Reward {
  const { field, value } = pickOne(input, [...byInputField.keys()], path);
  const definition = byInputField.get(field) as RewardDefinition;
  const reward = { ...value, kind: definition.type.name } as Reward;
  definition.validate(reward, `${path}.${field}`);
  return reward;
}
