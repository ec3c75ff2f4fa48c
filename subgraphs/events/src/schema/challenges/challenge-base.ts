import { modelOptions, prop } from '@typegoose/typegoose';
import type { PlayerProfile, Progress } from '../../services/player-profile';

/**
 * Every challenge variant extends this: stored as a typegoose discriminator (by `kind`,
 * which is the GraphQL type name) and served as a member of the `Challenge` union.
 */
@modelOptions({ schemaOptions: { _id: false, discriminatorKey: 'kind' } })
export class ChallengeBase {
  @prop({ required: true, type: String })
  kind!: string;
}

/** What a challenge type brings: its class, its ChallengeInput field, its rules. */
export interface ChallengeDefinition<C extends ChallengeBase = ChallengeBase> {
  type: new () => C;
  /** The field of ChallengeInput that selects this type. */
  inputField: string;
  /** Bounds on the operator's input; throws BAD_USER_INPUT naming `path`. */
  validate(challenge: C, path: string): void;
  /** Pure: the player's standing on this challenge. */
  evaluate(challenge: C, profile: PlayerProfile): Progress;
}

export function defineChallenge<C extends ChallengeBase>(definition: ChallengeDefinition<C>): ChallengeDefinition<C> {
  return definition;
}
