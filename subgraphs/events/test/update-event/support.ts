import type { EventsHarness } from '../../../../test/support/events-harness';
import { eventsHarnessPerTest } from '../../../../test/support/events-harness-per-test';
import { EVENT, UPDATE_EVENT, type EventView } from '../../../../test/support/event-operations';
import { dataOf, errorCode, type GraphQLResult } from '../../../../test/support/graphql-result';
import { operator, player } from '../../../../test/support/tokens';

/** Shared by the updateEvent test files: a fresh harness per test and the calls they make. */
export let h: EventsHarness;
export const op = operator();

/** A fresh events harness before every test of the calling file, stopped after it. */
export function useFreshHarness(): void {
  eventsHarnessPerTest((harness) => (h = harness));
}

export const update = (id: string, input: Record<string, unknown>) => h.run<{ updateEvent: EventView }>(UPDATE_EVENT, { id, input }, op.token);
export const updated = async (id: string, input: Record<string, unknown>) => dataOf(await update(id, input)).updateEvent;
export const read = async (id: string) => {
  const event = dataOf(await h.run<{ event: EventView | null }>(EVENT, { id }, op.token)).event;
  if (!event) throw new Error(`event ${id} not found`);
  return event;
};

/** A player who meets every challenge of a plain event claims it; returns the outcome. */
export async function claimAsNewPlayer(eventId: string, profile: Parameters<EventsHarness['players']['set']>[1] = {}) {
  const p = player();
  h.players.set(p.id, profile);
  const result = await h.run<{ claimReward: { __typename: string; reason?: string } }>(
    `mutation($eventId: ID!) { claimReward(eventId: $eventId) { __typename ... on ClaimRejected { reason } } }`,
    { eventId },
    p.token,
  );
  return dataOf(result).claimReward;
}

export async function grantTo(eventId: string, players: number) {
  for (let i = 0; i < players; i++) expect(await claimAsNewPlayer(eventId)).toEqual({ __typename: 'RewardClaimed' });
}

export function expectRefused(result: GraphQLResult<unknown>, code: string, field?: string) {
  expect(errorCode(result)).toBe(code);
  if (field !== undefined) expect(result.errors?.[0]?.extensions?.['field']).toBe(field);
}
