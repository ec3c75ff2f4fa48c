import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isNonNullType, type GraphQLInputObjectType, type GraphQLUnionType } from 'graphql';
import type { EventFieldsFragment } from '../../client/src';
import { claimFilterOf } from '../../dashboard/src/claims/claim-filter';
import { emptyEventForm, eventToForm, formFieldOfErrorPath, fromLocalInput, move, toCreateInput, toUpdateInput, type EventForm } from '../../dashboard/src/events/event-form';
import { CHALLENGE_TYPES, defaultValues, REWARD_TYPES, type PartType } from '../../dashboard/src/events/form-types';
import { screensFor } from '../../dashboard/src/session/roles';
import { adjustmentToSend, holdingsAdjustment } from '../../dashboard/src/users/holdings-adjustment';

/** The dashboard's UI logic, without a browser: form ↔ API input, error paths, roles → screens. */

const EVENT: EventFieldsFragment = {
  id: 'e1',
  title: 'Seven-day streak',
  description: null,
  startsAt: '2030-12-01T00:00:00.000Z',
  endsAt: '2030-12-31T12:30:00.000Z',
  isPublic: false,
  active: true,
  status: 'SCHEDULED',
  claimPeriod: 'ONCE',
  claimLimit: 1000,
  claimsRemaining: 1000,
  createdAt: '2030-11-01T00:00:00.000Z',
  updatedAt: '2030-11-01T00:00:00.000Z',
  challenges: [
    { __typename: 'LoginStreakChallenge', days: 7 },
    { __typename: 'CurrencyChallenge', currency: 'CASH', comparison: 'AT_MOST', amount: 50 },
    { __typename: 'ItemCountChallenge', itemId: 'potion', count: 3 },
  ],
  rewards: [
    { __typename: 'CurrencyReward', currency: 'COIN', amount: 500 },
    { __typename: 'ItemReward', itemId: 'golden-sword', quantity: 1 },
    { __typename: 'CouponReward', couponId: 'half-off', quantity: 2 },
  ],
};

test('an event round-trips through the form into the same CreateEventInput', () => {
  const input = toCreateInput(eventToForm(EVENT));
  expect(input).toEqual({
    title: 'Seven-day streak',
    description: null,
    startsAt: '2030-12-01T00:00:00.000Z',
    endsAt: '2030-12-31T12:30:00.000Z',
    isPublic: false,
    active: true,
    claimLimit: 1000,
    claimPeriod: 'ONCE',
    challenges: [{ loginStreak: { days: 7 } }, { currency: { currency: 'CASH', comparison: 'AT_MOST', amount: 50 } }, { itemCount: { itemId: 'potion', count: 3 } }],
    rewards: [{ currency: { currency: 'COIN', amount: 500 } }, { item: { itemId: 'golden-sword', quantity: 1 } }, { coupon: { couponId: 'half-off', quantity: 2 } }],
  });
});

test('EventsClaimed and AccountAge round-trip; an empty optional titleContains is left out', () => {
  const event: EventFieldsFragment = {
    ...EVENT,
    challenges: [
      { __typename: 'EventsClaimedChallenge', count: 2, titleContains: null },
      { __typename: 'EventsClaimedChallenge', count: 1, titleContains: 'Summer' },
      { __typename: 'AccountAgeChallenge', days: 30 },
    ],
  };
  expect(toCreateInput(eventToForm(event)).challenges).toEqual([{ eventsClaimed: { count: 2 } }, { eventsClaimed: { count: 1, titleContains: 'Summer' } }, { accountAge: { days: 30 } }]);
});

/** What the public schema says a union offers: member → its input field and that input's fields (nullable or not). */
function offeredBySchema(union: string, inputName: string) {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'api.graphql'), 'utf8'));
  const members = (schema.getType(union) as GraphQLUnionType).getTypes().map((type) => type.name);
  const input = schema.getType(inputName) as GraphQLInputObjectType;
  return Object.values(input.getFields()).map((field, index) => {
    const fieldsInput = getNamedType(field.type) as GraphQLInputObjectType;
    return {
      typename: members[index],
      input: field.name,
      fields: Object.values(fieldsInput.getFields()).map((inner) => ({ name: inner.name, optional: !isNonNullType(inner.type) })),
    };
  });
}

const offeredByForm = (types: readonly PartType[]) =>
  types.map((type) => ({ typename: type.typename, input: type.input, fields: type.fields.map((field) => ({ name: field.name, optional: field.optional === true })) }));

test('every challenge and reward type of the API is offered, each with defaults for its choices', () => {
  // The schema's unions follow the subgraph's registries; the form's list is checked against them.
  expect(offeredByForm(CHALLENGE_TYPES)).toEqual(offeredBySchema('Challenge', 'ChallengeInput'));
  expect(offeredByForm(REWARD_TYPES)).toEqual(offeredBySchema('Reward', 'RewardInput'));
  expect(CHALLENGE_TYPES.map((type) => type.typename)).toEqual(expect.arrayContaining(['EventsClaimedChallenge', 'AccountAgeChallenge']));
  expect(defaultValues(CHALLENGE_TYPES.find((type) => type.input === 'currency')!)).toEqual({ currency: 'COIN', comparison: 'AT_LEAST', amount: '' });
});

test('a duplicate is a switched-off copy with its own title', () => {
  const form = eventToForm(EVENT, { copyOf: true });
  expect(form.title).toBe('Copy of Seven-day streak');
  expect(form.active).toBe(false);
  expect(toCreateInput(form).rewards).toEqual(toCreateInput(eventToForm(EVENT)).rewards);
});

test('an edit sends only what changed; rewards and challenges only when they did', () => {
  const original = eventToForm(EVENT);
  const retitled: EventForm = { ...original, title: 'Streak!', claimLimit: '' };
  expect(toUpdateInput(retitled, original)).toEqual({ title: 'Streak!', claimLimit: null });
  const reordered: EventForm = { ...original, rewards: move(original.rewards, 2, -1) };
  expect(toUpdateInput(reordered, original)).toEqual({
    rewards: [{ currency: { currency: 'COIN', amount: 500 } }, { coupon: { couponId: 'half-off', quantity: 2 } }, { item: { itemId: 'golden-sword', quantity: 1 } }],
  });
  expect(toUpdateInput(original, original)).toEqual({});
  // The claim period is sent only when it changed (it is frozen once a claim was granted).
  expect(toUpdateInput({ ...original, claimPeriod: 'DAILY' }, original)).toEqual({ claimPeriod: 'DAILY' });
  expect(eventToForm({ ...EVENT, claimPeriod: 'WEEKLY' }).claimPeriod).toBe('WEEKLY');
});

test('numbers that do not parse are sent as typed, so the server names the field', () => {
  const form = emptyEventForm(new Date(Date.UTC(2030, 0, 1, 10, 20)));
  expect(form.startsAt).toBe('2030-01-01T11:00');
  form.rewards = [{ key: 1, input: 'item', values: { itemId: 'sword', quantity: 'two' } }];
  expect(toCreateInput(form).rewards).toEqual([{ item: { itemId: 'sword', quantity: 'two' } }]);
  expect(fromLocalInput('2030-01-01T11:00')).toBe('2030-01-01T11:00:00.000Z');
  expect(fromLocalInput('')).toBe('');
});

test('server error paths map to the form fields that show them', () => {
  expect(formFieldOfErrorPath('input.title')).toBe('title');
  expect(formFieldOfErrorPath('input.rewards[2].currency.amount')).toBe('rewards.2.amount');
  expect(formFieldOfErrorPath('input.challenges[0].loginStreak.days')).toBe('challenges.0.days');
  expect(formFieldOfErrorPath('input.rewards[1]')).toBe('rewards.1');
  expect(formFieldOfErrorPath('input.rewards')).toBe('rewards');
  expect(formFieldOfErrorPath('input.endsAt')).toBe('endsAt');
});

test('move reorders within bounds only', () => {
  expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
});

test('roles decide the screens (the README role table)', () => {
  expect(screensFor(['USER'])).toEqual({ manageEvents: false, viewEvents: false, auditClaims: false, findUsers: false, administerUsers: false, adjustHoldings: false });
  expect(screensFor(['OPERATOR'])).toMatchObject({ manageEvents: true, viewEvents: true, findUsers: false, administerUsers: false, adjustHoldings: true });
  expect(screensFor(['AUDITOR'])).toMatchObject({ manageEvents: false, viewEvents: true, auditClaims: true, findUsers: true, administerUsers: false, adjustHoldings: false });
  expect(screensFor(['USER', 'ADMIN'])).toMatchObject({ manageEvents: true, findUsers: true, administerUsers: true, adjustHoldings: true });
});

test('claim filters cover whole UTC days; holdings deltas skip empty fields', () => {
  expect(claimFilterOf({ event: ' e1 ', status: 'REJECTED', reason: 'SOLD_OUT', from: '2030-01-02', to: '2030-01-03' })).toEqual({
    eventId: 'e1',
    status: 'REJECTED',
    rejectionReason: 'SOLD_OUT',
    createdAfter: '2030-01-01T23:59:59.999Z',
    createdBefore: '2030-01-04T00:00:00.000Z',
  });
  expect(claimFilterOf({})).toEqual({});
  expect(holdingsAdjustment({ cash: '', coins: '-5', itemId: 'potion', itemQuantity: '3' })).toEqual({ coins: -5, items: [{ itemId: 'potion', quantity: 3 }] });
  expect(holdingsAdjustment({ cash: '', coins: '', itemId: 'potion', itemQuantity: '' })).toEqual({});
});

test('an adjustment is sent only with a change and a note, the note trimmed', () => {
  const fields = { cash: '10', coins: '', itemId: '', itemQuantity: '', note: '  refund for ticket 42 ' };
  expect(adjustmentToSend(fields)).toEqual({ input: { cash: 10, note: 'refund for ticket 42' } });
  expect(adjustmentToSend({ ...fields, note: '   ' })).toEqual({ missing: expect.stringMatching(/note/) });
  expect(adjustmentToSend({ ...fields, cash: '' })).toEqual({ missing: expect.stringMatching(/at least one change/) });
});
