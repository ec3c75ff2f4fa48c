import { modelOptions, prop } from '@typegoose/typegoose';
import type { GrantedReward } from '@platform/shared';

/** Every reward variant extends this; `kind` is the GraphQL type name. */
@modelOptions({ schemaOptions: { _id: false, discriminatorKey: 'kind' } })
export class RewardBase {
  @prop({ required: true, type: String })
  kind!: string;
}

/** What a reward type brings: its class, its RewardInput field, its rules and its grant. */
export interface RewardDefinition<R extends RewardBase = RewardBase, F extends string = string> {
  type: new () => R;
  inputField: F;
  validate(reward: R, path: string): void;
  /** What this reward adds to (key: which balance), so an event's rewards can be bounded in sum. */
  tally(reward: R): { key: string; amount: number };
  /** The explicit wire shape users credits (its `kind` is the discriminator). */
  toGrant(reward: R): GrantedReward;
}

export function defineReward<R extends RewardBase, const F extends string>(definition: RewardDefinition<R, F>): RewardDefinition<R, F> {
  return definition;
}
