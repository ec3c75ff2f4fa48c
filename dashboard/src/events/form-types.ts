/**
 * Every challenge and reward type the form offers, described once: a new type is one entry
 * here (its input field, its GraphQL typename and its fields); the form and the mapping to
 * and from the API follow from it.
 */
export type FieldKind = 'int' | 'text' | { options: readonly string[] };

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  optional?: boolean;
}

export interface PartType {
  /** The field of ChallengeInput / RewardInput, e.g. `loginStreak`. */
  input: string;
  /** The member of the Challenge / Reward union, e.g. `LoginStreakChallenge`. */
  typename: string;
  label: string;
  fields: readonly FieldSpec[];
}

const CURRENCIES = ['COIN', 'CASH'] as const;
const COMPARISONS = ['AT_LEAST', 'AT_MOST'] as const;

export const CHALLENGE_TYPES: readonly PartType[] = [
  { input: 'loginStreak', typename: 'LoginStreakChallenge', label: 'Login streak', fields: [{ name: 'days', label: 'Days in a row', kind: 'int' }] },
  { input: 'totalLogins', typename: 'TotalLoginsChallenge', label: 'Total logins', fields: [{ name: 'count', label: 'Logins', kind: 'int' }] },
  { input: 'returningPlayer', typename: 'ReturningPlayerChallenge', label: 'Returning player', fields: [{ name: 'days', label: 'Days away', kind: 'int' }] },
  {
    input: 'currency',
    typename: 'CurrencyChallenge',
    label: 'Currency balance',
    fields: [
      { name: 'currency', label: 'Currency', kind: { options: CURRENCIES } },
      { name: 'comparison', label: 'Comparison', kind: { options: COMPARISONS } },
      { name: 'amount', label: 'Amount', kind: 'int' },
    ],
  },
  {
    input: 'itemCount',
    typename: 'ItemCountChallenge',
    label: 'Item count',
    fields: [
      { name: 'itemId', label: 'Item id', kind: 'text' },
      { name: 'count', label: 'At least', kind: 'int' },
    ],
  },
  { input: 'distinctItems', typename: 'DistinctItemsChallenge', label: 'Distinct items', fields: [{ name: 'count', label: 'Distinct items', kind: 'int' }] },
  {
    input: 'eventsClaimed',
    typename: 'EventsClaimedChallenge',
    label: 'Other events claimed',
    fields: [
      { name: 'count', label: 'At least', kind: 'int' },
      { name: 'titleContains', label: 'Title contains (optional)', kind: 'text', optional: true },
    ],
  },
  { input: 'accountAge', typename: 'AccountAgeChallenge', label: 'Account age', fields: [{ name: 'days', label: 'Days since sign-up', kind: 'int' }] },
];

export const REWARD_TYPES: readonly PartType[] = [
  {
    input: 'currency',
    typename: 'CurrencyReward',
    label: 'Currency',
    fields: [
      { name: 'currency', label: 'Currency', kind: { options: CURRENCIES } },
      { name: 'amount', label: 'Amount', kind: 'int' },
    ],
  },
  {
    input: 'item',
    typename: 'ItemReward',
    label: 'Item',
    fields: [
      { name: 'itemId', label: 'Item id', kind: 'text' },
      { name: 'quantity', label: 'Quantity', kind: 'int' },
    ],
  },
  {
    input: 'coupon',
    typename: 'CouponReward',
    label: 'Coupon',
    fields: [
      { name: 'couponId', label: 'Coupon id', kind: 'text' },
      { name: 'quantity', label: 'Quantity', kind: 'int' },
    ],
  },
];

export function typeByInput(types: readonly PartType[], input: string): PartType {
  const type = types.find((candidate) => candidate.input === input);
  if (!type) throw new Error(`Unknown type ${input}`);
  return type;
}

/** A fresh part of a type: text empty, choices on their first option. */
export function defaultValues(type: PartType): Record<string, string> {
  return Object.fromEntries(type.fields.map((field) => [field.name, typeof field.kind === 'object' ? (field.kind.options[0] ?? '') : '']));
}
