import { modelOptions, prop } from '@typegoose/typegoose';
import type { EvaluationContext, EvaluationNeed } from '../../services/evaluation-context';
import type { Progress } from '../../services/player-profile';

/**
 * Every challenge variant extends this: stored as a typegoose discriminator (by `kind`,
 * which is the GraphQL type name) and served as a member of the `Challenge` union.
 */
@modelOptions({ schemaOptions: { _id: false, discriminatorKey: 'kind' } })
export class ChallengeBase {
  @prop({ required: true, type: String })
  kind!: string;
}

/**
 * What a challenge type brings: its class, its ChallengeInput field, its rules. The union,
 * the input's one-of field, the permissions and the client's selections follow from it.
 */
export interface ChallengeDefinition<C extends ChallengeBase = ChallengeBase, F extends string = string> {
  type: new () => C;
  /** The field of ChallengeInput that selects this type. */
  inputField: F;
  /** What the evaluator reads beyond the profile; loaded only for events that have this type. */
  needs?: readonly EvaluationNeed[];
  /** Bounds on the operator's input; throws BAD_USER_INPUT naming `path`. */
  validate(challenge: C, path: string): void;
  /** Pure: the player's standing on this challenge. */
  evaluate(challenge: C, context: EvaluationContext): Progress;
}

export function defineChallenge<C extends ChallengeBase, const F extends string>(definition: ChallengeDefinition<C, F>): ChallengeDefinition<C, F> {
  return definition;
}
