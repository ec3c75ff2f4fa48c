import mongoose, { Types, type Connection } from 'mongoose';
import { invalidPaths } from '../../../test/support/mongo-validation';
import { CHALLENGE_CLASSES } from '../src/schema/challenges';
import { ClaimRejectionReason, ClaimStatus, Comparison, Currency, DeliveryStatus } from '../src/schema/enums';
import { REWARD_CLASSES } from '../src/schema/rewards';
import { claimSchema, deliverySchema, eventSchema, eventsModels, type EventsModels } from '../src/store/mongo/models';
import { buildClaimFilter, buildEventFilter } from '../src/store/mongo/queries';
import { buildEdit, buildRelease, buildReserve } from '../src/store/mongo/stock-queries';

// Models bound to a connection that is never opened: validation and schema checks need no server.
let connection: Connection;
let models: EventsModels;

beforeAll(() => {
  connection = mongoose.createConnection();
  models = eventsModels(connection);
});
afterAll(() => connection.close());

const HOUR = 60 * 60 * 1000;

const challenges = [
  { kind: 'LoginStreakChallenge', days: 7 },
  { kind: 'TotalLoginsChallenge', count: 30 },
  { kind: 'ReturningPlayerChallenge', days: 14 },
  { kind: 'CurrencyChallenge', currency: Currency.CASH, comparison: Comparison.AT_MOST, amount: 50 },
  { kind: 'ItemCountChallenge', itemId: 'potion', count: 3 },
  { kind: 'DistinctItemsChallenge', count: 5 },
];
const rewards = [
  { kind: 'CurrencyReward', currency: Currency.COIN, amount: 100 },
  { kind: 'ItemReward', itemId: 'sword', quantity: 1 },
  { kind: 'CouponReward', couponId: 'half-off', quantity: 2 },
];

function eventDoc(overrides: Record<string, unknown> = {}) {
  const now = new Date();
  return {
    _id: new Types.ObjectId(),
    title: 'Weekend bonus',
    description: null,
    startsAt: new Date(now.getTime() - HOUR),
    endsAt: new Date(now.getTime() + HOUR),
    isPublic: true,
    active: true,
    challenges,
    rewards,
    claimLimit: 10,
    claimsRemaining: 10,
    frozen: false,
    createdBy: new Types.ObjectId(),
    createdAt: now,
    updatedAt: now,
    version: 0,
    ...overrides,
  };
}

function claimDoc(overrides: Record<string, unknown> = {}) {
  return {
    _id: new Types.ObjectId(),
    eventId: new Types.ObjectId(),
    userId: new Types.ObjectId(),
    status: ClaimStatus.GRANTED,
    rejectionReason: null,
    rewards,
    delivery: DeliveryStatus.PENDING,
    idempotencyKey: 'tap-1',
    createdAt: new Date(),
    ...overrides,
  };
}

describe('Event model', () => {
  test('accepts a good event; challenges and rewards keep their kind-specific fields (discriminated by kind)', async () => {
    const doc = new models.Event(eventDoc());
    expect(await invalidPaths(doc)).toEqual([]);
    const stored = doc.toObject() as { challenges: unknown[]; rewards: unknown[] };
    expect(stored.challenges).toEqual(challenges);
    expect(stored.rewards).toEqual(rewards);
  });

  test('an event with no challenges is valid', async () => {
    expect(await invalidPaths(new models.Event(eventDoc({ challenges: [] })))).toEqual([]);
  });

  test.each([
    ['LoginStreakChallenge', 'days'],
    ['ItemCountChallenge', 'itemId'],
    ['CurrencyChallenge', 'comparison'],
  ])('rejects a %s missing %s', async (kind, missing) => {
    const challenge = { ...challenges.find((c) => c.kind === kind) } as Record<string, unknown>;
    delete challenge[missing];
    const doc = new models.Event(eventDoc({ challenges: [challenges[0], challenge] }));
    expect(await invalidPaths(doc)).toEqual([`challenges.1.${missing}`]);
  });

  test('rejects a reward missing its quantity and a reward amount below 1', async () => {
    const doc = new models.Event(eventDoc({ rewards: [{ kind: 'ItemReward', itemId: 'sword' }, { kind: 'CurrencyReward', currency: Currency.CASH, amount: 0 }] }));
    expect(await invalidPaths(doc)).toEqual(['rewards.0.quantity', 'rewards.1.amount']);
  });

  test('rejects a negative claimsRemaining, a claimLimit of 0 and a challenge count of 0', async () => {
    expect(await invalidPaths(new models.Event(eventDoc({ claimsRemaining: -1 })))).toEqual(['claimsRemaining']);
    expect(await invalidPaths(new models.Event(eventDoc({ claimLimit: 0 })))).toEqual(['claimLimit']);
    expect(await invalidPaths(new models.Event(eventDoc({ challenges: [{ kind: 'DistinctItemsChallenge', count: 0 }] })))).toEqual(['challenges.0.count']);
  });

  test('unlimited events store null for claimLimit and claimsRemaining', async () => {
    expect(await invalidPaths(new models.Event(eventDoc({ claimLimit: null, claimsRemaining: null })))).toEqual([]);
  });

  test('rejects a title over 200 characters and an unknown currency', async () => {
    const doc = new models.Event(eventDoc({ title: 'x'.repeat(201), rewards: [{ kind: 'CurrencyReward', currency: 'GEMS', amount: 1 }] }));
    expect(await invalidPaths(doc)).toEqual(['rewards.0.currency', 'title']);
  });

  test('every challenge and reward class is a registered discriminator on its array path', () => {
    const discriminatorsOf = (schema: mongoose.Schema, path: string) =>
      Object.keys((schema.path(path) as unknown as { schema: { discriminators?: Record<string, unknown> } }).schema.discriminators ?? {}).sort();
    expect(discriminatorsOf(eventSchema, 'challenges')).toEqual(CHALLENGE_CLASSES.map((type) => type.name).sort());
    expect(discriminatorsOf(eventSchema, 'rewards')).toEqual(REWARD_CLASSES.map((type) => type.name).sort());
    expect(discriminatorsOf(claimSchema, 'rewards')).toEqual(REWARD_CLASSES.map((type) => type.name).sort());
    expect(discriminatorsOf(deliverySchema, 'rewards')).toEqual(REWARD_CLASSES.map((type) => type.name).sort());
  });
});

describe('Claim and Delivery models', () => {
  test('accept a granted and a rejected claim', async () => {
    expect(await invalidPaths(new models.Claim(claimDoc()))).toEqual([]);
    const rejected = claimDoc({ status: ClaimStatus.REJECTED, rejectionReason: ClaimRejectionReason.SOLD_OUT, rewards: [], delivery: null, idempotencyKey: null });
    expect(await invalidPaths(new models.Claim(rejected))).toEqual([]);
  });

  test('reject an unknown ClaimStatus, rejection reason or delivery status', async () => {
    expect(await invalidPaths(new models.Claim(claimDoc({ status: 'MAYBE' })))).toEqual(['status']);
    expect(await invalidPaths(new models.Claim(claimDoc({ rejectionReason: 'BORED' })))).toEqual(['rejectionReason']);
    expect(await invalidPaths(new models.Claim(claimDoc({ delivery: 'LOST' })))).toEqual(['delivery']);
  });

  test('reject an idempotency key over 128 characters', async () => {
    expect(await invalidPaths(new models.Claim(claimDoc({ idempotencyKey: 'k'.repeat(129) })))).toEqual(['idempotencyKey']);
  });

  test('a delivery needs its rewards and its next attempt time', async () => {
    const delivery = { _id: new Types.ObjectId(), userId: new Types.ObjectId(), rewards, nextAttemptAt: new Date() };
    expect(await invalidPaths(new models.Delivery(delivery))).toEqual([]);
    const { nextAttemptAt: _next, ...incomplete } = delivery;
    expect(await invalidPaths(new models.Delivery(incomplete))).toEqual(['nextAttemptAt']);
  });
});

describe('claim indexes', () => {
  const indexes = () => claimSchema.indexes() as [Record<string, unknown>, Record<string, unknown>][];

  test('at most one claim holding a grant (GRANTED, or REVOKED: still claimed) per (userId, eventId, period): a partial unique index on holdsGrant', () => {
    const grant = indexes().find(([fields]) => JSON.stringify(fields) === JSON.stringify({ userId: 1, eventId: 1, period: 1 }));
    expect(grant).toBeDefined();
    expect(grant?.[1]).toMatchObject({ unique: true, partialFilterExpression: { holdsGrant: true } });
  });

  test('sharding plan: every unique index of reward_claims and deliveries starts with userId, the planned shard key', () => {
    const unique = [...indexes(), ...(deliverySchema.indexes() as [Record<string, unknown>, Record<string, unknown>][])].filter(([, options]) => options['unique']);
    expect(unique.length).toBeGreaterThan(0);
    for (const [fields] of unique) expect(Object.keys(fields)[0]).toBe('userId');
  });

  test('granted counts per event (revoked claims keep their unit) come from a partial index, not from a counter', () => {
    const granted = indexes().find(([fields]) => JSON.stringify(fields) === JSON.stringify({ eventId: 1 }));
    expect(granted?.[1]).toMatchObject({ partialFilterExpression: { holdsGrant: true } });
    expect(Object.keys(eventSchema.paths)).not.toContain('grantedCount');
  });

  test('an idempotency key is unique per user (only where a key is set)', () => {
    const key = indexes().find(([fields]) => JSON.stringify(fields) === JSON.stringify({ userId: 1, idempotencyKey: 1 }));
    expect(key).toBeDefined();
    expect(key?.[1]).toMatchObject({ unique: true, partialFilterExpression: { idempotencyKey: { $type: 'string' } } });
  });

  test('events are indexed for the list order (startsAt, _id)', () => {
    const eventIndexes = eventSchema.indexes() as [Record<string, unknown>, Record<string, unknown>][];
    expect(eventIndexes.map(([fields]) => fields)).toContainEqual({ startsAt: 1, _id: 1 });
  });
});

describe('query builders', () => {
  const id = '0123456789abcdef01234567';
  const t1 = new Date(Date.now() - HOUR);
  const t2 = new Date(Date.now() + HOUR);

  test('buildEventFilter: no conditions is an empty filter', () => {
    expect(buildEventFilter({ limit: 10 })).toEqual({});
  });

  test('buildEventFilter: each condition, AND-ed, with the keyset $or after (startsAt, _id)', () => {
    expect(
      buildEventFilter({
        isPublic: true,
        active: false,
        startsAt: { gt: t1, lte: t2 },
        endsAt: { lt: t2, gte: t1 },
        after: { startsAt: t1, id },
        limit: 3,
      }),
    ).toEqual({
      $and: [
        { isPublic: true },
        { active: false },
        { startsAt: { $gt: t1, $lte: t2 } },
        { endsAt: { $gte: t1, $lt: t2 } },
        { $or: [{ startsAt: { $gt: t1 } }, { startsAt: t1, _id: { $gt: new Types.ObjectId(id) } }] },
      ],
    });
  });

  test('buildEventFilter: isPublic false is a condition, not "no filter"', () => {
    expect(buildEventFilter({ isPublic: false, limit: 1 })).toEqual({ $and: [{ isPublic: false }] });
  });

  test('buildClaimFilter: ids as ObjectIds, newest-first keyset $or before (createdAt, _id)', () => {
    const userId = 'abcdefabcdefabcdefabcdef';
    expect(buildClaimFilter({})).toEqual({});
    expect(
      buildClaimFilter({ eventId: id, userId, status: ClaimStatus.REJECTED, createdAt: { gt: t1, lt: t2 }, before: { createdAt: t2, id } }),
    ).toEqual({
      $and: [
        { eventId: new Types.ObjectId(id) },
        { userId: new Types.ObjectId(userId) },
        { status: ClaimStatus.REJECTED },
        { createdAt: { $gt: t1, $lt: t2 } },
        { $or: [{ createdAt: { $lt: t2 } }, { createdAt: t2, _id: { $lt: new Types.ObjectId(id) } }] },
      ],
    });
  });

  test('buildReserve: matches only at the evaluated version with stock left; takes one and records the reservation with it', () => {
    const claimId = 'abcdefabcdefabcdefabcdef';
    expect(buildReserve(id, 4, claimId, t1)).toEqual({
      filter: { _id: new Types.ObjectId(id), version: 4, claimsRemaining: { $gt: 0 } },
      update: { $inc: { claimsRemaining: -1 }, $push: { reservations: { claimId: new Types.ObjectId(claimId), at: t1 } } },
    });
  });

  test('buildRelease: only while the reservation is there; the unit comes back only when given back', () => {
    const claimId = 'abcdefabcdefabcdefabcdef';
    const reservation = { _id: new Types.ObjectId(id), 'reservations.claimId': new Types.ObjectId(claimId) };
    expect(buildRelease(id, claimId, true)).toEqual({ filter: reservation, update: { $pull: { reservations: { claimId: new Types.ObjectId(claimId) } }, $inc: { claimsRemaining: 1 } } });
    expect(buildRelease(id, claimId, false)).toEqual({ filter: reservation, update: { $pull: { reservations: { claimId: new Types.ObjectId(claimId) } } } });
  });

  test('buildEdit: on the version only, plus the freeze for content and the stock for a lower limit', () => {
    const _id = new Types.ObjectId(id);
    expect(buildEdit(id, 3, { fields: { title: 'x' }, changesContent: false })).toEqual({ filter: { _id, version: 3 }, update: { $set: { title: 'x' }, $inc: { version: 1 } } });
    expect(buildEdit(id, 3, { fields: {}, changesContent: true }).filter).toEqual({ _id, version: 3, frozen: false });
    expect(buildEdit(id, 3, { fields: {}, changesContent: false, stock: { kind: 'adjust', claimLimit: 2, by: -3 } })).toEqual({
      filter: { _id, version: 3, claimsRemaining: { $gte: 3 } },
      update: { $set: { claimLimit: 2 }, $inc: { version: 1, claimsRemaining: -3 } },
    });
    expect(buildEdit(id, 3, { fields: {}, changesContent: false, stock: { kind: 'set', claimLimit: 5, remaining: 0, settlesAt: t1, frozen: true } })).toEqual({
      filter: { _id, version: 3, frozen: true },
      update: { $set: { claimLimit: 5, claimsRemaining: 0, stockSettlesAt: t1, reservations: [] }, $inc: { version: 1 } },
    });
  });
});
