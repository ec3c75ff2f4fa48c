import type { Model } from 'mongoose';
import { storeAdapters, type StoreFixture } from './store-adapters';
import { newId } from '@platform/shared';
import type { Challenge } from '../../subgraphs/events/src/schema/challenges';
import { ClaimPeriod, ClaimRejectionReason, ClaimStatus, Comparison, Currency, DeliveryStatus } from '../../subgraphs/events/src/schema/enums';
import type { Reward } from '../../subgraphs/events/src/schema/rewards';
import type { ClaimQuery, EventQuery } from '../../subgraphs/events/src/store/event-query';
import { createMemoryEventsStores } from '../../subgraphs/events/src/store/memory';
import { createMongoEventsStores, ensureEventsIndexes } from '../../subgraphs/events/src/store/mongo';
import { eventsModels } from '../../subgraphs/events/src/store/mongo/models';
import type { EventEdit, EventsStores, GrantOutcome } from '../../subgraphs/events/src/store/ports';
import type { ClaimRecord, DeliveryRecord, EventRecord } from '../../subgraphs/events/src/store/records';

const adapters = storeAdapters<EventsStores>({
  subgraph: 'events',
  memory: createMemoryEventsStores,
  mongo: async (connection) => {
    await ensureEventsIndexes(connection);
    return { stores: createMongoEventsStores(connection), models: Object.values(eventsModels(connection)) as Model<never>[] };
  },
});

const HOUR = 60 * 60 * 1000;
/** Whole milliseconds, as every store keeps them. */
const T0 = Math.floor(Date.now() / 1000) * 1000;
const at = (hours: number) => new Date(T0 + hours * HOUR);

const ALL_CHALLENGES: Challenge[] = [
  { kind: 'LoginStreakChallenge', days: 7 },
  { kind: 'TotalLoginsChallenge', count: 30 },
  { kind: 'ReturningPlayerChallenge', days: 14 },
  { kind: 'CurrencyChallenge', currency: Currency.CASH, comparison: Comparison.AT_MOST, amount: 50 },
  { kind: 'ItemCountChallenge', itemId: 'potion', count: 3 },
  { kind: 'DistinctItemsChallenge', count: 5 },
];
const ALL_REWARDS: Reward[] = [
  { kind: 'CurrencyReward', currency: Currency.COIN, amount: 100 },
  { kind: 'ItemReward', itemId: 'sword', quantity: 1 },
  { kind: 'CouponReward', couponId: 'half-off', quantity: 2 },
];

function eventRecord(overrides: Partial<EventRecord> = {}): EventRecord {
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

function grantedClaim(event: EventRecord, userId = newId(), overrides: Partial<ClaimRecord> = {}): ClaimRecord {
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

function rejectedClaim(eventId: string, userId = newId(), overrides: Partial<ClaimRecord> = {}): ClaimRecord {
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

function deliveryFor(claim: ClaimRecord, overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
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

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
const ids = (items: { id: string }[]) => items.map((item) => item.id);
/** (startsAt, id) ascending: the order `list` promises. */
const listOrder = (events: EventRecord[]) => [...events].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : 1));
/** (createdAt, id) descending: the order of claim history. */
const newestFirst = (claims: ClaimRecord[]) => [...claims].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));

if (!process.env['MONGODB_URI']) {
  describe.skip('mongodb events stores (set MONGODB_URI to a replica set to run this contract against MongoDB)', () => {
    test('contract', () => undefined);
  });
}

describe.each(adapters)('$name events stores', (adapter) => {
  let fixture: StoreFixture<EventsStores>;
  const events = () => fixture.stores.events;
  const claims = () => fixture.stores.claims;
  const stock = () => fixture.stores.stock;

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

  describe('EventStore', () => {
    test('insert then findById and findByIds return the record as written, every challenge and reward kind with its fields', async () => {
      const full = eventRecord({ description: 'All kinds', challenges: ALL_CHALLENGES, rewards: ALL_REWARDS, claimLimit: 10, claimsRemaining: 10, isPublic: false });
      const plain = eventRecord();
      await inserted(full, plain);
      expect(await events().findById(full.id)).toEqual(full);
      expect(await events().findById(plain.id)).toEqual(plain);
      expect(byId(await events().findByIds([plain.id, full.id, newId()]))).toEqual(byId([full, plain]));
      expect(await events().findByIds([])).toEqual([]);
    });

    test('findById is null for an id never inserted', async () => {
      await inserted(eventRecord());
      expect(await events().findById(newId())).toBeNull();
    });

    test('inserting the same id twice fails and keeps the first', async () => {
      const [event] = await inserted(eventRecord({ title: 'first' }));
      await expect(events().insert({ ...event!, title: 'second' })).rejects.toThrow();
      expect((await events().findById(event!.id))?.title).toBe('first');
    });

    test('records handed out are copies: changing one does not change the store', async () => {
      const [event] = await inserted(eventRecord({ challenges: [{ kind: 'LoginStreakChallenge', days: 3 }] }));
      const read = (await events().findById(event!.id))!;
      read.title = 'changed';
      (read.challenges[0] as { days: number }).days = 99;
      expect(await events().findById(event!.id)).toEqual(event);
    });

    test('list: ordered by startsAt then id, keyset-paged with after, limit respected', async () => {
      const all = await inserted(...[3, 1, 1, -2, 1, 5, 3].map((hours, i) => eventRecord({ title: `e${i}`, startsAt: at(hours), endsAt: at(hours + 48) })));
      const expected = ids(listOrder(all));
      const seen: string[] = [];
      let after: EventQuery['after'];
      for (let guard = 0; guard < 10; guard++) {
        const page = await events().list({ limit: 2, ...(after ? { after } : {}) });
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page));
        const last = page.at(-1);
        if (page.length < 2 || !last) break;
        after = { startsAt: last.startsAt, id: last.id };
      }
      expect(seen).toEqual(expected);
      expect(ids(await events().list({ limit: 100 }))).toEqual(expected);
      expect(ids(await events().list({ limit: 3 }))).toEqual(expected.slice(0, 3));
    });

    test('list: after a tie continues with the next id at the same startsAt', async () => {
      const tied = await inserted(eventRecord({ startsAt: at(1) }), eventRecord({ startsAt: at(1) }), eventRecord({ startsAt: at(1) }));
      const [first, second, third] = listOrder(tied);
      expect(ids(await events().list({ limit: 10, after: { startsAt: first!.startsAt, id: first!.id } }))).toEqual([second!.id, third!.id]);
    });

    describe('list filters', () => {
      let e: Record<'publicRunning' | 'privateRunning' | 'publicInactive' | 'publicFuture' | 'publicPast', EventRecord>;

      beforeEach(async () => {
        e = {
          publicPast: eventRecord({ startsAt: at(-10), endsAt: at(-5) }),
          privateRunning: eventRecord({ startsAt: at(-2), endsAt: at(2), isPublic: false }),
          publicRunning: eventRecord({ startsAt: at(-1), endsAt: at(1) }),
          publicInactive: eventRecord({ startsAt: at(0), endsAt: at(3), active: false }),
          publicFuture: eventRecord({ startsAt: at(5), endsAt: at(6) }),
        };
        await inserted(...Object.values(e));
      });

      const list = async (query: Omit<EventQuery, 'limit'>) => ids(await events().list({ limit: 100, ...query }));

      test('isPublic and active', async () => {
        expect(await list({ isPublic: false })).toEqual([e.privateRunning.id]);
        expect(await list({ isPublic: true })).toEqual(ids([e.publicPast, e.publicRunning, e.publicInactive, e.publicFuture]));
        expect(await list({ active: false })).toEqual([e.publicInactive.id]);
        expect(await list({ isPublic: true, active: true })).toEqual(ids([e.publicPast, e.publicRunning, e.publicFuture]));
      });

      test('startsAt ranges: gt, gte, lt, lte', async () => {
        expect(await list({ startsAt: { gt: at(-1) } })).toEqual(ids([e.publicInactive, e.publicFuture]));
        expect(await list({ startsAt: { gte: at(-1) } })).toEqual(ids([e.publicRunning, e.publicInactive, e.publicFuture]));
        expect(await list({ startsAt: { lt: at(-1) } })).toEqual(ids([e.publicPast, e.privateRunning]));
        expect(await list({ startsAt: { lte: at(-1) } })).toEqual(ids([e.publicPast, e.privateRunning, e.publicRunning]));
        expect(await list({ startsAt: { gt: at(-10), lt: at(5) } })).toEqual(ids([e.privateRunning, e.publicRunning, e.publicInactive]));
      });

      test('endsAt ranges', async () => {
        expect(await list({ endsAt: { lte: at(1) } })).toEqual(ids([e.publicPast, e.publicRunning]));
        expect(await list({ endsAt: { gt: at(1) } })).toEqual(ids([e.privateRunning, e.publicInactive, e.publicFuture]));
      });

      test('running at a moment: startsAt <= now < endsAt, combined with visibility and paging', async () => {
        const running = { startsAt: { lte: at(0) }, endsAt: { gt: at(0) } };
        expect(await list(running)).toEqual(ids([e.privateRunning, e.publicRunning, e.publicInactive]));
        expect(await list({ ...running, isPublic: true, active: true })).toEqual([e.publicRunning.id]);
        expect(await list({ ...running, after: { startsAt: e.privateRunning.startsAt, id: e.privateRunning.id } })).toEqual(ids([e.publicRunning, e.publicInactive]));
      });
    });

    describe('update', () => {
      const rename = (title: string): EventEdit => ({ fields: { title }, changesContent: false });

      test('writes the fields when the version matches, bumps it, and returns the stored event', async () => {
        const [event] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }));
        const edit: EventEdit = { fields: { title: 'Renamed', description: 'new', rewards: ALL_REWARDS, challenges: ALL_CHALLENGES, updatedAt: at(1) }, changesContent: true };
        const expected = { ...event!, title: 'Renamed', description: 'new', rewards: ALL_REWARDS, challenges: ALL_CHALLENGES, updatedAt: at(1), version: 1 };
        expect(await events().update(event!.id, 0, edit)).toEqual({ outcome: 'updated', event: expected });
        expect(await events().findById(event!.id)).toEqual(expected);
        // A second writer that read version 0 loses and writes nothing.
        expect(await events().update(event!.id, 0, rename('Late'))).toEqual({ outcome: 'changed' });
        expect(await events().update(event!.id, 1, rename('Next'))).toMatchObject({ outcome: 'updated', event: { title: 'Next', version: 2 } });
        expect(await events().update(newId(), 0, rename('Ghost'))).toEqual({ outcome: 'not-found' });
      });

      test('grants never block an edit: the version does not move with them', async () => {
        const [event] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }));
        expect(await events().freeze(event!.id, 0)).toBe(true);
        expect(await stock().reserve(event!.id, 0, newId(), at(0))).toEqual({ outcome: 'reserved' });
        expect(await grant(event!, grantedClaim(event!))).toMatchObject({ outcome: 'granted' });
        expect(await events().update(event!.id, 0, rename('Busy'))).toMatchObject({ outcome: 'updated', event: { title: 'Busy', version: 1, claimsRemaining: 4 } });
      });

      test('content changes are refused once frozen; other fields still change', async () => {
        const [event] = await inserted(eventRecord());
        expect(await events().freeze(event!.id, 0)).toBe(true);
        expect(await events().update(event!.id, 0, { fields: { rewards: ALL_REWARDS }, changesContent: true })).toEqual({ outcome: 'frozen' });
        expect(await events().findById(event!.id)).toMatchObject({ version: 0, frozen: true, rewards: event!.rewards });
        expect(await events().update(event!.id, 0, rename('Still editable'))).toMatchObject({ outcome: 'updated', event: { frozen: true, version: 1 } });
      });

      test('a limit moves the stock by the same amount, without overwriting units taken meanwhile; never below zero', async () => {
        const [event] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }));
        await stock().reserve(event!.id, 0, newId(), at(0));
        await stock().reserve(event!.id, 0, newId(), at(0));
        expect(await events().update(event!.id, 0, { fields: {}, changesContent: false, stock: { kind: 'adjust', claimLimit: 8, by: 3 } })).toMatchObject({ outcome: 'updated', event: { claimLimit: 8, claimsRemaining: 6 } });
        expect(await events().update(event!.id, 1, { fields: {}, changesContent: false, stock: { kind: 'adjust', claimLimit: 1, by: -7 } })).toMatchObject({ outcome: 'stock-too-low', event: { claimLimit: 8, claimsRemaining: 6 } });
        expect(await events().update(event!.id, 1, { fields: {}, changesContent: false, stock: { kind: 'adjust', claimLimit: 2, by: -6 } })).toMatchObject({ outcome: 'updated', event: { claimLimit: 2, claimsRemaining: 0, version: 2 } });
      });

      test('unlimited drops the stock and reservations; set starts a new stock, held when frozen', async () => {
        const [event] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }));
        const claimId = newId();
        await stock().reserve(event!.id, 0, claimId, at(0));
        expect(await events().update(event!.id, 0, { fields: {}, changesContent: false, stock: { kind: 'unlimited' } })).toMatchObject({ outcome: 'updated', event: { claimLimit: null, claimsRemaining: null } });
        expect(await stock().release(event!.id, claimId, true)).toBe(false);
        expect(await stock().reservationsBefore(at(10), 10)).toEqual([]);
        // Set is conditional on the freeze the service saw.
        expect(await events().update(event!.id, 1, { fields: {}, changesContent: false, stock: { kind: 'set', claimLimit: 3, remaining: 3, settlesAt: null, frozen: true } })).toEqual({ outcome: 'changed' });
        expect(await events().update(event!.id, 1, { fields: {}, changesContent: false, stock: { kind: 'set', claimLimit: 3, remaining: 3, settlesAt: null, frozen: false } })).toMatchObject({ outcome: 'updated', event: { claimLimit: 3, claimsRemaining: 3, stockSettlesAt: null } });
        await events().freeze(event!.id, 2);
        expect(await events().update(event!.id, 2, { fields: {}, changesContent: false, stock: { kind: 'set', claimLimit: 4, remaining: 0, settlesAt: at(1), frozen: true } })).toMatchObject({ outcome: 'updated', event: { claimLimit: 4, claimsRemaining: 0, stockSettlesAt: at(1) } });
      });
    });

    describe('freeze', () => {
      test('sets frozen once, only at the version the grant was evaluated against', async () => {
        const [event] = await inserted(eventRecord());
        expect(await events().freeze(event!.id, 1)).toBe(false);
        expect(await events().findById(event!.id)).toMatchObject({ frozen: false, version: 0 });
        expect(await events().freeze(event!.id, 0)).toBe(true);
        expect(await events().freeze(event!.id, 0)).toBe(true);
        expect(await events().findById(event!.id)).toMatchObject({ frozen: true, version: 0 });
        expect(await events().freeze(newId(), 0)).toBe(false);
      });
    });
  });

  describe('EventStock', () => {
    test('reserve takes one unit per claim while stock lasts, at the evaluated version only', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 2, claimsRemaining: 2 }));
      expect(await stock().reserve(event!.id, 1, newId(), at(0))).toEqual({ outcome: 'event-changed' });
      expect(await stock().reserve(event!.id, 0, newId(), at(0))).toEqual({ outcome: 'reserved' });
      expect(await stock().reserve(event!.id, 0, newId(), at(1))).toEqual({ outcome: 'reserved' });
      expect(await stock().reserve(event!.id, 0, newId(), at(2))).toEqual({ outcome: 'sold-out' });
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 0, version: 0 });
      expect(await stock().reserve(newId(), 0, newId(), at(0))).toEqual({ outcome: 'event-changed' });
    });

    test('many reservations racing for a limited stock: exactly claimLimit taken, never below zero', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 3, claimsRemaining: 3 }));
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => stock().reserve(event!.id, 0, newId(), at(0))));
      expect(outcomes.filter(({ outcome }) => outcome === 'reserved')).toHaveLength(3);
      expect(outcomes.filter(({ outcome }) => outcome === 'sold-out')).toHaveLength(7);
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 0 });
    });

    test('release gives the unit back or keeps it taken, once', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 3, claimsRemaining: 3 }));
      const [refused, granted] = [newId(), newId()];
      await stock().reserve(event!.id, 0, refused, at(0));
      await stock().reserve(event!.id, 0, granted, at(0));
      expect(await stock().release(event!.id, refused, true)).toBe(true);
      expect(await stock().release(event!.id, refused, true)).toBe(false);
      expect(await stock().release(event!.id, granted, false)).toBe(true);
      expect(await stock().release(event!.id, granted, true)).toBe(false);
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 2 });
      expect(await stock().reservationsBefore(at(10), 10)).toEqual([]);
    });

    test('reservationsBefore lists reservations not ended, older than the bound, oldest first', async () => {
      const [a, b] = await inserted(eventRecord({ claimLimit: 3, claimsRemaining: 3 }), eventRecord({ claimLimit: 3, claimsRemaining: 3 }));
      const [old, older, recent, ended] = [newId(), newId(), newId(), newId()];
      await stock().reserve(a!.id, 0, old, at(-1));
      await stock().reserve(b!.id, 0, older, at(-2));
      await stock().reserve(a!.id, 0, recent, at(1));
      await stock().reserve(b!.id, 0, ended, at(-3));
      await stock().release(b!.id, ended, false);
      expect(await stock().reservationsBefore(at(0), 10)).toEqual([
        { eventId: b!.id, period: null, claimId: older, at: at(-2) },
        { eventId: a!.id, period: null, claimId: old, at: at(-1) },
      ]);
      expect(await stock().reservationsBefore(at(0), 1)).toHaveLength(1);
    });

    test('held stock: settling until due, then settled once with the given remaining', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 4, claimsRemaining: 0, frozen: true, stockSettlesAt: at(1) }));
      expect(await stock().reserve(event!.id, 0, newId(), at(0))).toEqual({ outcome: 'settling', until: at(1) });
      expect(await stock().heldStockDue(at(0), 10)).toEqual([]);
      expect(ids(await stock().heldStockDue(at(1), 10))).toEqual([event!.id]);
      expect(await stock().settleHeldStock(event!.id, at(2), 3)).toBe(false);
      expect(await stock().settleHeldStock(event!.id, at(1), 3)).toBe(true);
      expect(await stock().settleHeldStock(event!.id, at(1), 3)).toBe(false);
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 3, stockSettlesAt: null });
      expect(await stock().heldStockDue(at(5), 10)).toEqual([]);
    });
  });

  describe('ClaimStore.grant', () => {
    test('stores the GRANTED claim and its outbox delivery, and writes nothing to the event', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 3, claimsRemaining: 3, rewards: ALL_REWARDS }));
      const claim = grantedClaim(event!, newId(), { idempotencyKey: 'tap-1' });
      const delivery = deliveryFor(claim);
      expect(await claims().grant(claim, delivery)).toEqual({ outcome: 'granted', claim });
      expect(await events().findById(event!.id)).toEqual(event);
      expect(await claims().findById(claim.id)).toEqual(claim);
      expect(await claims().findGranted(event!.id, claim.userId, null)).toEqual(claim);
      expect(await claims().findByIdempotencyKey(claim.userId, 'tap-1')).toEqual(claim);
      expect(await claims().dueDeliveries(at(0), 10)).toEqual([delivery]);
      expect(await claims().countGranted(event!.id)).toBe(1);
    });

    test('countGranted counts GRANTED claims of one event only', async () => {
      const [event, other] = await inserted(eventRecord(), eventRecord());
      for (let i = 0; i < 3; i++) await grant(event!, grantedClaim(event!));
      await grant(other!, grantedClaim(other!));
      await claims().recordRejection(rejectedClaim(event!.id));
      expect(await claims().countGranted(event!.id)).toBe(3);
      expect(await claims().countGranted(newId())).toBe(0);
    });

    test('one grant per (event, user): a second is already-claimed', async () => {
      const [event, other] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }), eventRecord());
      const userId = newId();
      const first = grantedClaim(event!, userId);
      expect(await grant(event!, first)).toMatchObject({ outcome: 'granted' });
      expect(await grant(event!, grantedClaim(event!, userId))).toEqual({ outcome: 'already-claimed' });
      expect(await claims().count({ eventId: event!.id, userId })).toBe(1);
      expect(await claims().dueDeliveries(at(0), 10)).toHaveLength(1);
      // The same user may still be granted another event.
      expect(await grant(other!, grantedClaim(other!, userId))).toMatchObject({ outcome: 'granted' });
    });

    test('many players granted at once on one event all get theirs', async () => {
      const [event] = await inserted(eventRecord());
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => grant(event!, grantedClaim(event!))));
      expect(outcomes.filter(({ outcome }) => outcome === 'granted')).toHaveLength(20);
      expect(await claims().countGranted(event!.id)).toBe(20);
      expect(await claims().dueDeliveries(at(0), 100)).toHaveLength(20);
    });

    test('one user racing several grants for one event gets exactly one', async () => {
      const [event] = await inserted(eventRecord());
      const userId = newId();
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => grant(event!, grantedClaim(event!, userId))));
      expect(outcomes.filter(({ outcome }) => outcome === 'granted')).toHaveLength(1);
      expect(outcomes.filter(({ outcome }) => outcome === 'already-claimed')).toHaveLength(4);
      expect(await claims().countGranted(event!.id)).toBe(1);
    });

    test('event-changed when the event version differs; nothing is written', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 2, claimsRemaining: 2 }));
      expect(await events().update(event!.id, 0, { fields: { title: 'Edited' }, changesContent: false })).toMatchObject({ outcome: 'updated' });
      const claim = grantedClaim(event!);
      expect(await grant(event!, claim, 0)).toEqual({ outcome: 'event-changed' });
      expect(await claims().findById(claim.id)).toBeNull();
      expect(await claims().dueDeliveries(at(0), 10)).toEqual([]);
      expect(await grant(event!, grantedClaim(event!), 1)).toMatchObject({ outcome: 'granted' });
    });

    test('event-not-found for an event that does not exist', async () => {
      const ghost = eventRecord();
      expect(await grant(ghost, grantedClaim(ghost))).toEqual({ outcome: 'event-not-found' });
    });

    test('idempotency-key-used when the user already used the key; the stock is untouched', async () => {
      const [first, second] = await inserted(eventRecord(), eventRecord({ claimLimit: 2, claimsRemaining: 2 }));
      const userId = newId();
      expect(await grant(first!, grantedClaim(first!, userId, { idempotencyKey: 'k-1' }))).toMatchObject({ outcome: 'granted' });
      const reuse = grantedClaim(second!, userId, { idempotencyKey: 'k-1' });
      expect(await grant(second!, reuse)).toEqual({ outcome: 'idempotency-key-used' });
      expect(await events().findById(second!.id)).toMatchObject({ claimsRemaining: 2 });
      expect(await claims().findById(reuse.id)).toBeNull();
      expect(await claims().dueDeliveries(at(0), 10)).toHaveLength(1);
      // Keys are per user.
      expect(await grant(second!, grantedClaim(second!, newId(), { idempotencyKey: 'k-1' }))).toMatchObject({ outcome: 'granted' });
    });
  });

  describe('claim periods', () => {
    const daily = (overrides: Partial<EventRecord> = {}) => eventRecord({ claimPeriod: ClaimPeriod.DAILY, claimsRemaining: null, ...overrides });

    test('a periodic event keeps its claimPeriod; a grant keeps its period key, ONCE grants none', async () => {
      const [event, once] = await inserted(daily({ claimLimit: 5, claimsRemaining: null }), eventRecord());
      expect((await events().findById(event!.id))?.claimPeriod).toBe(ClaimPeriod.DAILY);
      const claim = grantedClaim(event!, newId(), { period: '2026-11-22' });
      expect(await grant(event!, claim)).toMatchObject({ outcome: 'granted' });
      expect(await claims().findById(claim.id)).toEqual(claim);
      const onceClaim = grantedClaim(once!);
      expect(await grant(once!, onceClaim)).toMatchObject({ outcome: 'granted' });
      expect((await claims().findById(onceClaim.id))?.period).toBeNull();
    });

    test('one grant per (event, user, period): the same period is already-claimed, the next one is granted', async () => {
      const [event] = await inserted(daily());
      const userId = newId();
      const day1 = grantedClaim(event!, userId, { period: '2026-11-22' });
      expect(await grant(event!, day1)).toMatchObject({ outcome: 'granted' });
      expect(await grant(event!, grantedClaim(event!, userId, { period: '2026-11-22' }))).toEqual({ outcome: 'already-claimed' });
      const day2 = grantedClaim(event!, userId, { period: '2026-11-23', createdAt: at(1) });
      expect(await grant(event!, day2)).toMatchObject({ outcome: 'granted' });
      expect(await claims().findGranted(event!.id, userId, '2026-11-22')).toEqual(day1);
      expect(await claims().findGranted(event!.id, userId, '2026-11-23')).toEqual(day2);
      expect(await claims().findGranted(event!.id, userId, '2026-11-24')).toBeNull();
      expect(await claims().findGranted(event!.id, userId, null)).toBeNull();
      // myClaim: the newest grant of the event.
      expect(await claims().findGrantedForUser(userId, [event!.id])).toEqual([day2]);
      expect(await claims().countGranted(event!.id)).toBe(2);
    });

    test('one user racing 20 grants in one period gets exactly one; a second period one more', async () => {
      const [event] = await inserted(daily());
      const userId = newId();
      const race = (period: string) => Promise.all(Array.from({ length: 20 }, () => grant(event!, grantedClaim(event!, userId, { period }))));
      const first = await race('2026-W47');
      expect(first.filter(({ outcome }) => outcome === 'granted')).toHaveLength(1);
      expect(first.filter(({ outcome }) => outcome === 'already-claimed')).toHaveLength(19);
      const second = await race('2026-W48');
      expect(second.filter(({ outcome }) => outcome === 'granted')).toHaveLength(1);
      expect(await claims().countGranted(event!.id)).toBe(2);
    });

    test('per-period stock: a period is full at the limit, the next one starts full; units given back return', async () => {
      const [event] = await inserted(daily({ claimLimit: 2 }));
      const [a, b, c, d] = [newId(), newId(), newId(), newId()];
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(0);
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 2, a, at(0))).toEqual({ outcome: 'reserved' });
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 2, b, at(0))).toEqual({ outcome: 'reserved' });
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 2, c, at(0))).toEqual({ outcome: 'sold-out' });
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(2);
      // A new period starts full; the event's own stock is not touched.
      expect(await stock().reservePeriod(event!.id, '2026-11-23', 2, d, at(1))).toEqual({ outcome: 'reserved' });
      expect(await stock().takenInPeriod(event!.id, '2026-11-23')).toBe(1);
      expect((await events().findById(event!.id))?.claimsRemaining).toBeNull();
      // Ending a reservation: once; giving back frees the unit.
      expect(await stock().releasePeriod(event!.id, '2026-11-22', a, true)).toBe(true);
      expect(await stock().releasePeriod(event!.id, '2026-11-22', a, true)).toBe(false);
      expect(await stock().releasePeriod(event!.id, '2026-11-22', b, false)).toBe(true);
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(1);
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 2, c, at(0))).toEqual({ outcome: 'reserved' });
      // A raised limit applies at once.
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 3, newId(), at(0))).toEqual({ outcome: 'reserved' });
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(3);
    });

    test('per-period stock never oversells under 20 parallel reservations, the first of the period included', async () => {
      const [event] = await inserted(daily({ claimLimit: 5 }));
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => stock().reservePeriod(event!.id, '2026-11-22', 5, newId(), at(0))));
      expect(outcomes.filter(({ outcome }) => outcome === 'reserved')).toHaveLength(5);
      expect(outcomes.filter(({ outcome }) => outcome === 'sold-out')).toHaveLength(15);
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(5);
    });

    test('reservationsBefore lists period reservations with their period, for the reconciler', async () => {
      const [event, once] = await inserted(daily({ claimLimit: 3 }), eventRecord({ claimLimit: 3, claimsRemaining: 3 }));
      const [old, recent, ofOnce] = [newId(), newId(), newId()];
      await stock().reservePeriod(event!.id, '2026-11-22', 3, old, at(-2));
      await stock().reservePeriod(event!.id, '2026-11-22', 3, recent, at(1));
      await stock().reserve(once!.id, 0, ofOnce, at(-1));
      expect(await stock().reservationsBefore(at(0), 10)).toEqual([
        { eventId: event!.id, period: '2026-11-22', claimId: old, at: at(-2) },
        { eventId: once!.id, period: null, claimId: ofOnce, at: at(-1) },
      ]);
    });

    test('a limit edit on a periodic event changes the limit only; toggling limited needs an unfrozen event', async () => {
      const [event] = await inserted(daily({ claimLimit: 2 }));
      const edit = (claimLimit: number | null, requireUnfrozen: boolean): EventEdit => ({
        fields: {},
        changesContent: false,
        stock: { kind: 'period-limit', claimLimit, requireUnfrozen },
      });
      const raised = await events().update(event!.id, 0, edit(4, false));
      expect(raised).toMatchObject({ outcome: 'updated', event: { claimLimit: 4, claimsRemaining: null, version: 1 } });
      expect(await events().freeze(event!.id, 1)).toBe(true);
      expect(await events().update(event!.id, 1, edit(null, true))).toEqual({ outcome: 'changed' });
      expect((await events().findById(event!.id))?.claimLimit).toBe(4);
    });
  });

  describe('ClaimStore.recordRejection', () => {
    test('stores rejected attempts, which never hold the one-grant slot', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 1, claimsRemaining: 1 }));
      const userId = newId();
      const first = rejectedClaim(event!.id, userId);
      const second = rejectedClaim(event!.id, userId, { rejectionReason: ClaimRejectionReason.EVENT_NOT_STARTED });
      expect(await claims().recordRejection(first)).toBe(true);
      expect(await claims().recordRejection(second)).toBe(true);
      expect(await claims().findById(first.id)).toEqual(first);
      expect(await claims().findGranted(event!.id, userId, null)).toBeNull();
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 1 });
      expect(await grant(event!, grantedClaim(event!, userId))).toMatchObject({ outcome: 'granted' });
      expect(await claims().count({ eventId: event!.id, userId })).toBe(3);
    });

    test('returns false, storing nothing, for a key the user already used', async () => {
      const [event] = await inserted(eventRecord());
      const userId = newId();
      expect(await claims().recordRejection(rejectedClaim(event!.id, userId, { idempotencyKey: 'r-1' }))).toBe(true);
      const again = rejectedClaim(event!.id, userId, { idempotencyKey: 'r-1' });
      expect(await claims().recordRejection(again)).toBe(false);
      expect(await claims().findById(again.id)).toBeNull();
      expect(await grant(event!, grantedClaim(event!, userId, { idempotencyKey: 'g-1' }))).toMatchObject({ outcome: 'granted' });
      expect(await claims().recordRejection(rejectedClaim(event!.id, userId, { idempotencyKey: 'g-1' }))).toBe(false);
      expect(await claims().recordRejection(rejectedClaim(event!.id, newId(), { idempotencyKey: 'g-1' }))).toBe(true);
      expect(await claims().count({ userId })).toBe(2);
    });
  });

  describe('ClaimStore reads', () => {
    test('findByIds, findGrantedForUser and findByIdempotencyKey', async () => {
      const [a, b, c] = await inserted(eventRecord(), eventRecord(), eventRecord());
      const userId = newId();
      const grantA = grantedClaim(a!, userId, { idempotencyKey: 'x' });
      const grantC = grantedClaim(c!, userId);
      await grant(a!, grantA);
      await grant(c!, grantC);
      const rejectedB = rejectedClaim(b!.id, userId);
      await claims().recordRejection(rejectedB);
      const othersGrant = grantedClaim(b!, newId());
      await grant(b!, othersGrant);

      expect(byId(await claims().findByIds([grantA.id, rejectedB.id, newId()]))).toEqual(byId([grantA, rejectedB]));
      expect(byId(await claims().findGrantedForUser(userId, [a!.id, b!.id, c!.id]))).toEqual(byId([grantA, grantC]));
      expect(await claims().findGrantedForUser(userId, [b!.id])).toEqual([]);
      expect(await claims().findGrantedForUser(userId, [])).toEqual([]);
      expect(await claims().findByIdempotencyKey(userId, 'x')).toEqual(grantA);
      expect(await claims().findByIdempotencyKey(newId(), 'x')).toBeNull();
      expect(await claims().findByIdempotencyKey(userId, 'y')).toBeNull();
      expect(await claims().findById(newId())).toBeNull();
    });

    describe('list and count', () => {
      let all: ClaimRecord[];
      let eventA: EventRecord;
      let userX: string;

      beforeEach(async () => {
        eventA = eventRecord();
        const eventB = eventRecord();
        await inserted(eventA, eventB);
        userX = newId();
        // Several claims share a createdAt: ties are broken by id, descending.
        const specs: { event: EventRecord; userId: string; hours: number; granted: boolean }[] = [
          { event: eventA, userId: userX, hours: 0, granted: false },
          { event: eventA, userId: userX, hours: 1, granted: true },
          { event: eventA, userId: newId(), hours: 1, granted: true },
          { event: eventA, userId: newId(), hours: 1, granted: false },
          { event: eventB, userId: userX, hours: 2, granted: false },
          { event: eventB, userId: newId(), hours: -1, granted: true },
          { event: eventB, userId: userX, hours: 3, granted: true },
        ];
        all = [];
        for (const spec of specs) {
          const claim = spec.granted ? grantedClaim(spec.event, spec.userId, { createdAt: at(spec.hours) }) : rejectedClaim(spec.event.id, spec.userId, { createdAt: at(spec.hours) });
          if (spec.granted) expect(await grant(spec.event, claim)).toMatchObject({ outcome: 'granted' });
          else expect(await claims().recordRejection(claim)).toBe(true);
          all.push(claim);
        }
      });

      async function pageAll(query: Omit<ClaimQuery, 'limit' | 'before'>, limit: number): Promise<string[]> {
        const seen: string[] = [];
        let before: ClaimQuery['before'];
        for (let guard = 0; guard < 20; guard++) {
          const page = await claims().list({ ...query, limit, ...(before ? { before } : {}) });
          seen.push(...ids(page));
          const last = page.at(-1);
          if (page.length < limit || !last) return seen;
          before = { createdAt: last.createdAt, id: last.id };
        }
        throw new Error('paging did not end');
      }

      test('newest first by (createdAt, id), keyset-paged with before; count ignores paging', async () => {
        const expected = ids(newestFirst(all));
        expect(ids(await claims().list({ limit: 100 }))).toEqual(expected);
        expect(await pageAll({}, 2)).toEqual(expected);
        expect(await pageAll({}, 3)).toEqual(expected);
        expect(await claims().count({})).toBe(all.length);
      });

      test('filters by event, user, status and createdAt range, alone and together', async () => {
        const cases: Omit<ClaimQuery, 'limit' | 'before'>[] = [
          { eventId: eventA.id },
          { userId: userX },
          { status: ClaimStatus.GRANTED },
          { status: ClaimStatus.REJECTED },
          { createdAt: { gt: at(0), lt: at(3) } },
          { createdAt: { gte: at(1), lte: at(2) } },
          { eventId: eventA.id, userId: userX, status: ClaimStatus.GRANTED },
          { userId: userX, createdAt: { lt: at(2) } },
        ];
        for (const query of cases) {
          const matching = all.filter(
            (claim) =>
              (!query.eventId || claim.eventId === query.eventId) &&
              (!query.userId || claim.userId === query.userId) &&
              (!query.status || claim.status === query.status) &&
              (!query.createdAt?.gt || claim.createdAt > query.createdAt.gt) &&
              (!query.createdAt?.gte || claim.createdAt >= query.createdAt.gte) &&
              (!query.createdAt?.lt || claim.createdAt < query.createdAt.lt) &&
              (!query.createdAt?.lte || claim.createdAt <= query.createdAt.lte),
          );
          expect(matching.length).toBeGreaterThan(0);
          expect(await pageAll(query, 2)).toEqual(ids(newestFirst(matching)));
          expect(await claims().count(query)).toBe(matching.length);
        }
        expect(await claims().count({ eventId: newId() })).toBe(0);
      });

      test('claims read back whole from the list, rejected ones with no rewards or delivery', async () => {
        expect(byId(await claims().list({ limit: 100 }))).toEqual(byId(all));
      });
    });
  });

  describe('delivery outbox', () => {
    async function grantWithDelivery(nextAttemptAt: Date) {
      const [event] = await inserted(eventRecord({ rewards: ALL_REWARDS }));
      const claim = grantedClaim(event!);
      const delivery = deliveryFor(claim, { nextAttemptAt });
      expect(await claims().grant(claim, delivery)).toMatchObject({ outcome: 'granted' });
      return { claim, delivery };
    }

    test('dueDeliveries: undelivered ones due by now, oldest first, up to limit', async () => {
      const late = await grantWithDelivery(at(-1));
      const early = await grantWithDelivery(at(-3));
      const now = await grantWithDelivery(at(0));
      const future = await grantWithDelivery(at(1));
      expect(await claims().dueDeliveries(at(0), 10)).toEqual([early.delivery, late.delivery, now.delivery]);
      expect(await claims().dueDeliveries(at(0), 2)).toEqual([early.delivery, late.delivery]);
      expect(await claims().dueDeliveries(at(2), 10)).toEqual([early.delivery, late.delivery, now.delivery, future.delivery]);
      expect(await claims().dueDeliveries(at(-5), 10)).toEqual([]);
    });

    test('markDelivered takes it out of the outbox and marks the claim DELIVERED', async () => {
      const { claim } = await grantWithDelivery(at(-1));
      const other = await grantWithDelivery(at(-1));
      await claims().markDelivered(claim.id, at(0));
      expect(await claims().dueDeliveries(at(10), 10)).toEqual([other.delivery]);
      expect(await claims().findById(claim.id)).toEqual({ ...claim, delivery: DeliveryStatus.DELIVERED });
      expect((await claims().findById(other.claim.id))?.delivery).toBe(DeliveryStatus.PENDING);
    });

    test('markDeliveryFailed counts the attempt, keeps the error and postpones it', async () => {
      const { claim, delivery } = await grantWithDelivery(at(-1));
      await claims().markDeliveryFailed(claim.id, 'users is down', at(1));
      expect(await claims().dueDeliveries(at(0), 10)).toEqual([]);
      expect(await claims().dueDeliveries(at(1), 10)).toEqual([{ ...delivery, attempts: 1, lastError: 'users is down', nextAttemptAt: at(1) }]);
      await claims().markDeliveryFailed(claim.id, 'still down', at(2));
      expect(await claims().dueDeliveries(at(2), 10)).toEqual([{ ...delivery, attempts: 2, lastError: 'still down', nextAttemptAt: at(2) }]);
      expect((await claims().findById(claim.id))?.delivery).toBe(DeliveryStatus.PENDING);
    });

    test('deliveryBacklog: how many are undelivered and when the oldest of them was granted', async () => {
      expect(await claims().deliveryBacklog()).toEqual({ pending: 0, oldestGrantedAt: null });
      // Ids are minted at grant time, so the first granted is the oldest.
      const first = await grantWithDelivery(at(-1));
      await claims().markDeliveryFailed(first.claim.id, 'users is down', at(5));
      const [event] = await inserted(eventRecord());
      const second = grantedClaim(event!, newId(), { createdAt: at(2) });
      expect(await claims().grant(second, deliveryFor(second, { nextAttemptAt: at(3) }))).toMatchObject({ outcome: 'granted' });
      await claims().recordRejection(rejectedClaim(event!.id));
      expect(await claims().deliveryBacklog()).toEqual({ pending: 2, oldestGrantedAt: at(0) });
      await claims().markDelivered(first.claim.id, at(4));
      expect(await claims().deliveryBacklog()).toEqual({ pending: 1, oldestGrantedAt: at(2) });
      await claims().markDelivered(second.id, at(4));
      expect(await claims().deliveryBacklog()).toEqual({ pending: 0, oldestGrantedAt: null });
    });

    test('leaseDueDeliveries takes due ones, oldest first, and moves them to the lease end: a second taker gets none', async () => {
      const late = await grantWithDelivery(at(-1));
      const early = await grantWithDelivery(at(-3));
      await grantWithDelivery(at(1));
      expect(await claims().leaseDueDeliveries(at(0), 10, at(2))).toEqual([{ ...early.delivery, nextAttemptAt: at(2) }, { ...late.delivery, nextAttemptAt: at(2) }]);
      expect(await claims().leaseDueDeliveries(at(0), 10, at(2))).toEqual([]);
      // A lease that ran out (its instance died) is due again.
      expect(ids((await claims().leaseDueDeliveries(at(2), 10, at(3))).map((d) => ({ id: d.claimId })))).toHaveLength(3);
    });

    test('leases taken at once by several takers never hand one delivery out twice', async () => {
      for (let i = 0; i < 6; i++) await grantWithDelivery(at(-1));
      const batches = await Promise.all(Array.from({ length: 4 }, () => claims().leaseDueDeliveries(at(0), 3, at(1))));
      const taken = batches.flat().map((delivery) => delivery.claimId);
      expect(taken).toHaveLength(6);
      expect(new Set(taken).size).toBe(6);
    });

    test('markDeliveryFailed keeps the reason on the claim for staff; delivery clears it', async () => {
      const { claim } = await grantWithDelivery(at(-1));
      await claims().markDeliveryFailed(claim.id, 'users is down', at(1));
      expect(await claims().findById(claim.id)).toMatchObject({ delivery: DeliveryStatus.PENDING, deliveryError: 'users is down' });
      await claims().markDelivered(claim.id, at(1));
      expect(await claims().findById(claim.id)).toMatchObject({ delivery: DeliveryStatus.DELIVERED, deliveryError: null });
    });

    test('markDeliveryRefused makes it FAILED with the reason: out of the outbox until requeued', async () => {
      const { claim, delivery } = await grantWithDelivery(at(-1));
      await claims().markDeliveryRefused(claim.id, 'a balance would exceed its maximum', at(0));
      expect(await claims().findById(claim.id)).toMatchObject({ delivery: DeliveryStatus.FAILED, deliveryError: 'a balance would exceed its maximum' });
      expect(await claims().dueDeliveries(at(100), 10)).toEqual([]);
      expect(await claims().leaseDueDeliveries(at(100), 10, at(101))).toEqual([]);
      // A late transient failure changes nothing.
      await claims().markDeliveryFailed(claim.id, 'late', at(1));
      expect(await claims().dueDeliveries(at(100), 10)).toEqual([]);

      expect(await claims().requeueDelivery(claim.id, at(2))).toBe(true);
      expect(await claims().requeueDelivery(claim.id, at(2))).toBe(false);
      expect((await claims().findById(claim.id))?.delivery).toBe(DeliveryStatus.PENDING);
      expect(await claims().dueDeliveries(at(2), 10)).toEqual([{ ...delivery, attempts: 0, lastError: 'a balance would exceed its maximum', nextAttemptAt: at(2) }]);
    });

    test('requeueDelivery refuses pending and delivered deliveries', async () => {
      const pending = await grantWithDelivery(at(-1));
      const delivered = await grantWithDelivery(at(-1));
      await claims().markDelivered(delivered.claim.id, at(0));
      expect(await claims().requeueDelivery(pending.claim.id, at(1))).toBe(false);
      expect(await claims().requeueDelivery(delivered.claim.id, at(1))).toBe(false);
      expect(await claims().requeueDelivery(newId(), at(1))).toBe(false);
      expect((await claims().findById(delivered.claim.id))?.delivery).toBe(DeliveryStatus.DELIVERED);
    });

    test('a failure reported after delivery changes nothing', async () => {
      const { claim } = await grantWithDelivery(at(-1));
      await claims().markDelivered(claim.id, at(0));
      await claims().markDeliveryFailed(claim.id, 'late failure', at(-1));
      expect(await claims().dueDeliveries(at(10), 10)).toEqual([]);
      expect((await claims().findById(claim.id))?.delivery).toBe(DeliveryStatus.DELIVERED);
    });
  });
});
