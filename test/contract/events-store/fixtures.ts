import type { Model } from 'mongoose';
import { storeAdapters, type StoreAdapter, type StoreFixture } from '../store-adapters';
import { newId } from '@platform/shared';
import type { Challenge } from '../../../subgraphs/events/src/schema/challenges';
import { ClaimPeriod, ClaimRejectionReason, ClaimStatus, Comparison, Currency, DeliveryStatus } from '../../../subgraphs/events/src/schema/enums';
import type { Reward } from '../../../subgraphs/events/src/schema/rewards';
import { createMemoryEventsStores } from '../../../subgraphs/events/src/store/memory';
import { createMongoEventsStores, ensureEventsIndexes } from '../../../subgraphs/events/src/store/mongo';
import { eventsModels } from '../../../subgraphs/events/src/store/mongo/models';
import type { EventsStores, GrantOutcome } from '../../../subgraphs/events/src/store/ports';
import type { ClaimRecord, DeliveryRecord, EventRecord } from '../../../subgraphs/events/src/store/records';

/** Shared by every events-store contract file: adapters, time, record builders, orders. */
export const adapters = storeAdapters<EventsStores>({
  subgraph: 'events',
  memory: createMemoryEventsStores,
  mongo: async (connection) => {
    await ensureEventsIndexes(connection);
    return { stores: createMongoEventsStores(connection), models: Object.values(eventsModels(connection)) as Model<never>[] };
  },
});

export const HOUR = 60 * 60 * 1000;
/** Whole milliseconds, as every store keeps them. */
export const T0 = Math.floor(Date.now() / 1000) * 1000;
export const at = (hours: number) => new Date(T0 + hours * HOUR);

export const ALL_CHALLENGES: Challenge[] = [
  { kind: 'LoginStreakChallenge', days: 7 },
  { kind: 'TotalLoginsChallenge', count: 30 },
  { kind: 'ReturningPlayerChallenge', days: 14 },
  { kind: 'CurrencyChallenge', currency: Currency.CASH, comparison: Comparison.AT_MOST, amount: 50 },
  { kind: 'ItemCountChallenge', itemId: 'potion', count: 3 },
  { kind: 'DistinctItemsChallenge', count: 5 },
];
export const ALL_REWARDS: Reward[] = [
  { kind: 'CurrencyReward', currency: Currency.COIN, amount: 100 },
  { kind: 'ItemReward', itemId: 'sword', quantity: 1 },
  { kind: 'CouponReward', couponId: 'half-off', quantity: 2 },
];

export function eventRecord(overrides: Partial<EventRecord> = {}): EventRecord {
  const claimLimit = overrides.claimLimit === undefined ? null : overrides.claimLimit;
  return {
    id: newId(),
    title: 'Weekend bonus',
    description: null,
    startsAt: at(-1),
    endsAt: at(24),
    isPublic: true,
    active: true,
    challenges: [],
    rewards: [{ kind: 'CurrencyReward', currency: Currency.COIN, amount: 100 }],
    claimPeriod: ClaimPeriod.ONCE,
    claimLimit,
    claimsRemaining: claimLimit,
    frozen: false,
    stockSettlesAt: null,
    createdBy: newId(),
    createdAt: at(-2),
    updatedAt: at(-2),
    version: 0,
    ...overrides,
  };
}

export function grantedClaim(event: EventRecord, userId = newId(), overrides: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    id: newId(),
    eventId: event.id,
    userId,
    status: ClaimStatus.GRANTED,
    rejectionReason: null,
    rewards: event.rewards,
    delivery: DeliveryStatus.PENDING,
    idempotencyKey: null,
    createdAt: at(0),
    period: null,
    eventVersion: event.version,
    deliveryError: null,
    ...overrides,
  };
}

export function rejectedClaim(eventId: string, userId = newId(), overrides: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    id: newId(),
    eventId,
    userId,
    status: ClaimStatus.REJECTED,
    rejectionReason: ClaimRejectionReason.CHALLENGE_NOT_MET,
    rewards: [],
    delivery: null,
    idempotencyKey: null,
    createdAt: at(0),
    period: null,
    eventVersion: null,
    deliveryError: null,
    ...overrides,
  };
}

export function deliveryFor(claim: ClaimRecord, overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    claimId: claim.id,
    userId: claim.userId,
    rewards: claim.rewards,
    attempts: 0,
    nextAttemptAt: at(0),
    lastError: null,
    deliveredAt: null,
    failedAt: null,
    ...overrides,
  };
}

export const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
export const ids = (items: { id: string }[]) => items.map((item) => item.id);
/** (startsAt, id) ascending: the order `list` promises. */
export const listOrder = (events: EventRecord[]) => [...events].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : 1));
/** (createdAt, id) descending: the order of claim history. */
export const newestFirst = (claims: ClaimRecord[]) => [...claims].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));

/**
 * Opens the adapter's stores around each file's suite (fresh before every test) and gives
 * the accessors and write helpers every contract test uses.
 */
export function useEventsStores(adapter: StoreAdapter<EventsStores>) {
  let fixture: StoreFixture<EventsStores>;
  const events = () => fixture.stores.events;
  const claims = () => fixture.stores.claims;
  const stock = () => fixture.stores.stock;
  const revocations = () => fixture.stores.revocations;

  beforeAll(async () => {
    fixture = await adapter.open();
  });
  beforeEach(() => fixture.reset());
  afterAll(() => fixture?.close());

  async function inserted(...records: EventRecord[]): Promise<EventRecord[]> {
    for (const record of records) await events().insert(record);
    return records;
  }

  async function grant(event: EventRecord, claim: ClaimRecord, version = event.version): Promise<GrantOutcome> {
    return claims().grant({ ...claim, eventVersion: version }, deliveryFor(claim));
  }

  return { events, claims, stock, revocations, inserted, grant };
}
