import { modelOptions, prop } from '@typegoose/typegoose';

/** Every reward variant extends this; `kind` is the GraphQL type name. */
@modelOptions({ schemaOptions: { _id: false, discriminatorKey: 'kind' } })
export class RewardBase {
  @prop({ required: true, type: String })
  kind!: string;
}

export interface RewardDefinition<R extends RewardBase = RewardBase> {
  type: new () => R;
  inputField: string;
  validate(reward: R, path: string): void;
}
