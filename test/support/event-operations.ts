import { CHALLENGE_SELECTION, REWARD_SELECTION } from '../../gateway/src/union-selections.generated';
import type { EventsHarness } from './events-harness';
import { dataOf } from './graphql-result';

export const HOUR = 60 * 60 * 1000;

/** Every field of Event a client can read, challenges and rewards with their members' fields. */
export const EVENT_FIELDS = `
  id title description startsAt endsAt isPublic active status claimLimit claimsRemaining createdAt updatedAt
  createdBy { id }
  challenges {
${CHALLENGE_SELECTION}
  }
  rewards {
${REWARD_SELECTION}
  }
`;

export interface EventView {
  id: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  isPublic: boolean;
  active: boolean;
  status: 'SCHEDULED' | 'RUNNING' | 'ENDED' | 'INACTIVE';
  claimLimit: number | null;
  claimsRemaining: number | null;
  createdAt: string;
  updatedAt: string;
  createdBy: { id: string } | null;
  challenges: ({ __typename: string } & Record<string, unknown>)[];
  rewards: ({ __typename: string } & Record<string, unknown>)[];
}

export const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const UPDATE_EVENT = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { ${EVENT_FIELDS} } }`;
export const EVENT = `query($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`;
export const EVENTS = `query($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) { edges { cursor node { id title status startsAt isPublic active } } pageInfo { hasNextPage endCursor } }
}`;

export interface EventsPage {
  events: {
    edges: { cursor: string; node: { id: string; title: string; status: string; startsAt: string; isPublic: boolean; active: boolean } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** An ISO date `ms` milliseconds from the harness clock's now. */
export const fromNow = (h: EventsHarness, ms: number) => new Date(h.clock.now().getTime() + ms).toISOString();

/** A valid CreateEventInput (running now, one coin reward), with overrides. */
export function eventInput(h: EventsHarness, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Weekend bonus',
    startsAt: fromNow(h, -HOUR),
    endsAt: fromNow(h, 24 * HOUR),
    rewards: [{ currency: { currency: 'COIN', amount: 100 } }],
    ...overrides,
  };
}

/** Ids of every event the caller can list, in list order, following every page. */
export async function allEventIds(h: EventsHarness, token: string, filter: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: EventsPage['events'] = dataOf(await h.run<EventsPage>(EVENTS, { filter, first: 100, after }, token)).events;
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}
