import type { Model } from 'mongoose';
import { newId, Role } from '@platform/shared';
import { ClaimPeriod, ClaimRejectionReason, ClaimStatus, Currency, DeliveryStatus } from '../../subgraphs/events/src/schema/enums';
import { createMemoryEventsStores } from '../../subgraphs/events/src/store/memory';
import { createMongoEventsStores, ensureEventsIndexes } from '../../subgraphs/events/src/store/mongo';
import { eventsModels } from '../../subgraphs/events/src/store/mongo/models';
import type { EventsStores } from '../../subgraphs/events/src/store/ports';
import type { ClaimRecord, EventRecord } from '../../subgraphs/events/src/store/records';
import { createMemoryUsersStores } from '../../subgraphs/users/src/store/memory';
import { createMongoUsersStores, ensureUsersIndexes } from '../../subgraphs/users/src/store/mongo';
import { usersModels } from '../../subgraphs/users/src/store/mongo/models';
import type { UsersStores } from '../../subgraphs/users/src/store/ports';
import { storeAdapters, type StoreFixture } from './store-adapters';

/**
 * The dashboard's store queries (claim stats, username prefix) against every store available:
 * the memory store always, MongoDB when MONGODB_URI names a replica set.
 */
const eventsAdapters = storeAdapters<EventsStores>({
  subgraph: 'events',
  memory: createMemoryEventsStores,
  mongo: async (connection) => {
    await ensureEventsIndexes(connection);
    return { stores: createMongoEventsStores(connection), models: Object.values(eventsModels(connection)) as Model<never>[] };
  },
});
const usersAdapters = storeAdapters<UsersStores>({
  subgraph: 'users',
  memory: createMemoryUsersStores,
  mongo: async (connection) => {
    await ensureUsersIndexes(connection);
    return { stores: createMongoUsersStores(connection), models: Object.values(usersModels(connection)) as Model<never>[] };
  },
});

const utc = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2030, 0, day, hour, minute));

function eventRecord(): EventRecord {
  return {
    id: newId(),
    title: 'Launch week',
    description: null,
    startsAt: utc(1, 0),
    endsAt: utc(20, 0),
    isPublic: true,
    active: true,
    challenges: [],
    rewards: [{ kind: 'CurrencyReward', currency: Currency.COIN, amount: 100 }] as EventRecord['rewards'],
    claimPeriod: ClaimPeriod.ONCE,
    claimLimit: null,
    claimsRemaining: null,
    frozen: false,
    stockSettlesAt: null,
    createdBy: newId(),
    createdAt: utc(1, 0),
    updatedAt: utc(1, 0),
    version: 0,
  };
}

function claim(event: EventRecord, userId: string, createdAt: Date, granted: boolean, reason = ClaimRejectionReason.CHALLENGE_NOT_MET): ClaimRecord {
  return {
    id: newId(),
    eventId: event.id,
    userId,
    status: granted ? ClaimStatus.GRANTED : ClaimStatus.REJECTED,
    rejectionReason: granted ? null : reason,
    rewards: granted ? event.rewards : [],
    delivery: granted ? DeliveryStatus.PENDING : null,
    idempotencyKey: null,
    createdAt,
    period: null,
    eventVersion: granted ? event.version : null,
    deliveryError: null,
  };
}

describe.each(eventsAdapters)('$name claim store: stats', (adapter) => {
  let fixture: StoreFixture<EventsStores>;
  beforeAll(async () => {
    fixture = await adapter.open();
  });
  beforeEach(() => fixture.reset());
  afterAll(() => fixture?.close());

  test('counts one event by status, reason, delivery, player and UTC bucket', async () => {
    const { events, claims } = fixture.stores;
    const event = eventRecord();
    const other = eventRecord();
    await events.insert(event);
    await events.insert(other);
    const [ann, bob, cy] = [newId(), newId(), newId()];
    const grant = async (record: ClaimRecord, on: EventRecord) =>
      expect(await claims.grant(record, { claimId: record.id, userId: record.userId, rewards: record.rewards, attempts: 0, nextAttemptAt: record.createdAt, lastError: null, deliveredAt: null, failedAt: null })).toMatchObject({ outcome: 'granted' });
    const annGrant = claim(event, ann, utc(2, 10, 5), true);
    await grant(annGrant, event);
    await claims.markDelivered(annGrant.id, utc(2, 10, 6));
    await grant(claim(event, bob, utc(2, 11, 59), true), event);
    await claims.recordRejection(claim(event, ann, utc(2, 11, 0), false, ClaimRejectionReason.ALREADY_CLAIMED));
    await claims.recordRejection(claim(event, cy, utc(3, 0, 1), false));
    await claims.recordRejection(claim(event, cy, utc(3, 0, 2), false));
    await grant(claim(other, cy, utc(2, 10, 0), true), other);

    expect(await claims.stats(event.id, 'hour')).toEqual({
      granted: 2,
      rejected: 3,
      rejectedByReason: [
        { reason: 'ALREADY_CLAIMED', count: 1 },
        { reason: 'CHALLENGE_NOT_MET', count: 2 },
      ],
      distinctPlayers: 3,
      deliveredCount: 1,
      pendingDeliveryCount: 1,
      failedDeliveryCount: 0,
      timeline: [
        { at: utc(2, 10), granted: 1, rejected: 0 },
        { at: utc(2, 11), granted: 1, rejected: 1 },
        { at: utc(3, 0), granted: 0, rejected: 2 },
      ],
    });
    expect((await claims.stats(event.id, 'day')).timeline).toEqual([
      { at: utc(2, 0), granted: 2, rejected: 1 },
      { at: utc(3, 0), granted: 0, rejected: 2 },
    ]);
    expect((await claims.stats(newId(), 'hour')).timeline).toEqual([]);
  });
});

describe.each(usersAdapters)('$name user store: username prefix', (adapter) => {
  let fixture: StoreFixture<UsersStores>;
  beforeAll(async () => {
    fixture = await adapter.open();
  });
  beforeEach(() => fixture.reset());
  afterAll(() => fixture?.close());

  test('matches the start of the name, case-insensitively and literally, with role and paging', async () => {
    const { users } = fixture.stores;
    const names = ['Olga', 'olaf', 'ol.d', 'oscar', 'xolo'];
    for (const username of names) {
      await users.create({ id: newId(), username, passwordHash: 'h', roles: username === 'olaf' ? [Role.OPERATOR] : [Role.USER], createdAt: utc(1, 0), bannedUntil: null });
    }
    const found = async (query: Parameters<typeof users.list>[0]) => (await users.list(query)).map((user) => user.username).sort();
    expect(await found({ usernamePrefix: 'OL', limit: 10 })).toEqual(['Olga', 'ol.d', 'olaf']);
    expect(await found({ usernamePrefix: 'ol.', limit: 10 })).toEqual(['ol.d']);
    expect(await found({ usernamePrefix: '.', limit: 10 })).toEqual([]);
    expect(await found({ usernamePrefix: 'ol', role: Role.OPERATOR, limit: 10 })).toEqual(['olaf']);
    const firstPage = await users.list({ usernamePrefix: 'o', limit: 2 });
    const rest = await users.list({ usernamePrefix: 'o', afterId: firstPage[1]!.id, limit: 10 });
    expect([...firstPage, ...rest].map((user) => user.username).sort()).toEqual(['Olga', 'ol.d', 'olaf', 'oscar']);
  });
});
