import { createUnionType, Field, InputType } from 'type-graphql';
import type { PlayerProfile, Progress } from '../../services/player-profile';
import { pickOne } from '../one-of';
import { ChallengeBase, type ChallengeDefinition } from './challenge-base';
import { currency, CurrencyChallenge } from './currency';
import { distinctItems, DistinctItemsChallenge } from './distinct-items';
import { itemCount, ItemCountChallenge } from './item-count';
import { loginStreak, LoginStreakChallenge } from './login-streak';
import { returningPlayer, ReturningPlayerChallenge } from './returning-player';
import { totalLogins, TotalLoginsChallenge } from './total-logins';

export { ChallengeBase, CurrencyChallenge, DistinctItemsChallenge, ItemCountChallenge, LoginStreakChallenge, ReturningPlayerChallenge, TotalLoginsChallenge };

/** Every challenge type. A new one adds its definition here and its field to ChallengeInput. */
export const CHALLENGE_DEFINITIONS: readonly ChallengeDefinition[] = [loginStreak, totalLogins, returningPlayer, currency, itemCount, distinctItems];

export const CHALLENGE_CLASSES = CHALLENGE_DEFINITIONS.map((definition) => definition.type);

export type Challenge = LoginStreakChallenge | TotalLoginsChallenge | ReturningPlayerChallenge | CurrencyChallenge | ItemCountChallenge | DistinctItemsChallenge;

export const ChallengeUnion = createUnionType({
  name: 'Challenge',
  description: 'Every challenge of an event must be met (AND). An event with none is open to all.',
  types: () => CHALLENGE_CLASSES as [typeof LoginStreakChallenge, ...(typeof LoginStreakChallenge)[]],
  resolveType: (challenge: ChallengeBase) => challenge.kind,
});

@InputType({ description: 'Exactly one field set (the @oneOf pattern); anything else is BAD_USER_INPUT.' })
export class ChallengeInput {
  @Field(() => LoginStreakChallenge, { nullable: true })
  loginStreak?: LoginStreakChallenge | null;

  @Field(() => TotalLoginsChallenge, { nullable: true })
  totalLogins?: TotalLoginsChallenge | null;

  @Field(() => ReturningPlayerChallenge, { nullable: true })
  returningPlayer?: ReturningPlayerChallenge | null;

  @Field(() => CurrencyChallenge, { nullable: true })
  currency?: CurrencyChallenge | null;

  @Field(() => ItemCountChallenge, { nullable: true })
  itemCount?: ItemCountChallenge | null;

  @Field(() => DistinctItemsChallenge, { nullable: true })
  distinctItems?: DistinctItemsChallenge | null;
}

const byInputField = new Map(CHALLENGE_DEFINITIONS.map((definition) => [definition.inputField, definition]));
const byKind = new Map(CHALLENGE_DEFINITIONS.map((definition) => [definition.type.name, definition]));

/** Turns one ChallengeInput into a stored challenge, validated; `path` names it in errors. */
export function challengeFromInput(input: ChallengeInput, path: string): Challenge {
  const { field, value } = pickOne(input, [...byInputField.keys()], path);
  const definition = byInputField.get(field) as ChallengeDefinition;
  const challenge = { ...value, kind: definition.type.name } as Challenge;
  definition.validate(challenge, `${path}.${field}`);
  return challenge;
}

/** The player's progress on one challenge, by its type's own pure evaluator. */
export function evaluateChallenge(challenge: Challenge, profile: PlayerProfile): Progress {
  const definition = byKind.get(challenge.kind);
  if (!definition) throw new Error(`no evaluator for challenge kind ${challenge.kind}`);
  return definition.evaluate(challenge, profile);
}
