import { createUnionType } from 'type-graphql';
import type { EvaluationContext, EvaluationNeed } from '../../services/evaluation-context';
import type { Progress } from '../../services/player-profile';
import { nonEmpty } from '../one-of';
import { oneOfRegistry } from '../one-of-registry';
import { accountAge } from './account-age';
import { ChallengeBase, type ChallengeDefinition } from './challenge-base';
import { currency } from './currency';
import { distinctItems } from './distinct-items';
import { eventsClaimed } from './events-claimed';
import { itemCount } from './item-count';
import { loginStreak } from './login-streak';
import { returningPlayer } from './returning-player';
import { totalLogins } from './total-logins';

export { ChallengeBase };
export { AccountAgeChallenge } from './account-age';
export { CurrencyChallenge } from './currency';
export { DistinctItemsChallenge } from './distinct-items';
export { EventsClaimedChallenge } from './events-claimed';
export { ItemCountChallenge } from './item-count';
export { LoginStreakChallenge } from './login-streak';
export { ReturningPlayerChallenge } from './returning-player';
export { TotalLoginsChallenge } from './total-logins';

/**
 * Every challenge type, the one registry: the `Challenge` union, ChallengeInput's one-of
 * fields, the shield's permissions and the client's selections all follow from this list.
 */
const DEFINITIONS = [loginStreak, totalLogins, returningPlayer, currency, itemCount, distinctItems, eventsClaimed, accountAge] as const;

type Definitions = (typeof DEFINITIONS)[number];
export const CHALLENGE_DEFINITIONS: readonly ChallengeDefinition[] = DEFINITIONS;
export const CHALLENGE_CLASSES = CHALLENGE_DEFINITIONS.map((definition) => definition.type);

/** A stored challenge: one instance of a registered class. */
export type Challenge = InstanceType<Definitions['type']>;

export const ChallengeUnion = createUnionType({
  name: 'Challenge',
  description: 'Every challenge of an event must be met (AND). An event with none is open to all.',
  types: () => nonEmpty(DEFINITIONS.map((definition) => definition.type)),
  resolveType: (challenge: ChallengeBase) => challenge.kind,
});

/** One optional field per registered type, named by its `inputField`. */
export type ChallengeInputFields = { [D in Definitions as D['inputField']]?: InstanceType<D['type']> | null };

const registry = oneOfRegistry(
  'ChallengeInput',
  'Exactly one field set (the @oneOf pattern); anything else is BAD_USER_INPUT.',
  CHALLENGE_DEFINITIONS,
  (kind) => `no evaluator for challenge kind ${kind}`,
);
/** ChallengeInput: its fields are declared from the registry above. */
export const ChallengeInput = registry.inputType as new () => ChallengeInputFields;
export type ChallengeInput = ChallengeInputFields;

/** Turns one ChallengeInput into a stored challenge, validated; `path` names it in errors. */
export function challengeFromInput(input: ChallengeInput, path: string): Challenge {
  const { member: definition, field, value } = registry.pick(input, path);
  const challenge = value as Challenge;
  definition.validate(challenge, `${path}.${field}`);
  return challenge;
}

/** What evaluating these challenges needs beyond the profile (the union of their types' needs). */
export function needsOf(challenges: readonly Challenge[]): ReadonlySet<EvaluationNeed> {
  return new Set(challenges.flatMap((challenge) => registry.memberOf(challenge.kind).needs ?? []));
}

/** The player's progress on one challenge, by its type's own pure evaluator. */
export function evaluateChallenge(challenge: Challenge, context: EvaluationContext): Progress {
  return registry.memberOf(challenge.kind).evaluate(challenge, context);
}
