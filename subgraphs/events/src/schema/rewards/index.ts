import type { GrantedReward } from '@platform/shared';
import { createUnionType } from 'type-graphql';
import { nonEmpty } from '../one-of';
import { oneOfRegistry } from '../one-of-registry';
import { couponReward } from './coupon-reward';
import { currencyReward } from './currency-reward';
import { itemReward } from './item-reward';
import { RewardBase, type RewardDefinition } from './reward-base';

export { RewardBase };
export { CouponReward } from './coupon-reward';
export { CurrencyReward } from './currency-reward';
export { ItemReward } from './item-reward';

/** Every reward type, the one registry: union, RewardInput, permissions and grants follow from it. */
const DEFINITIONS = [currencyReward, itemReward, couponReward] as const;

type Definitions = (typeof DEFINITIONS)[number];
export const REWARD_DEFINITIONS: readonly RewardDefinition[] = DEFINITIONS;
export const REWARD_CLASSES = REWARD_DEFINITIONS.map((definition) => definition.type);

/** A stored reward: one instance of a registered class. */
export type Reward = InstanceType<Definitions['type']>;

export const RewardUnion = createUnionType({
  name: 'Reward',
  types: () => nonEmpty(DEFINITIONS.map((definition) => definition.type)),
  resolveType: (reward: RewardBase) => reward.kind,
});

/** One optional field per registered type, named by its `inputField`. */
export type RewardInputFields = { [D in Definitions as D['inputField']]?: InstanceType<D['type']> | null };

const registry = oneOfRegistry('RewardInput', 'Exactly one field set.', REWARD_DEFINITIONS, (kind) => `unknown reward kind ${kind}`);
/** RewardInput: its fields are declared from the registry above. */
export const RewardInput = registry.inputType as new () => RewardInputFields;
export type RewardInput = RewardInputFields;

export function rewardFromInput(input: RewardInput, path: string): Reward {
  const { member: definition, field, value } = registry.pick(input, path);
  const reward = value as Reward;
  definition.validate(reward, `${path}.${field}`);
  return reward;
}

/** Which balance a reward adds to, and how much. */
export function rewardTally(reward: Reward): { key: string; amount: number } {
  return registry.memberOf(reward.kind).tally(reward);
}

/** The reward as users credits it, by its stored `kind`. */
export function toGrantedReward(reward: Reward): GrantedReward {
  return registry.memberOf(reward.kind).toGrant(reward);
}
