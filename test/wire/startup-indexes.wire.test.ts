import mongoose, { type Connection, type Model } from 'mongoose';
import { startEventsService } from '../../subgraphs/events/src/server';
import { eventsModels } from '../../subgraphs/events/src/store/mongo/models';
import { startUsersService } from '../../subgraphs/users/src/server';
import { usersModels } from '../../subgraphs/users/src/store/mongo/models';
import { MongoWireServer, type Document } from '../support/mongo-wire';
import { testConfig } from '../support/config';

/**
 * The indexes are the concurrency control (unique and partial indexes decide races), so
 * what the services send at start-up must be exactly what the models declare. The
 * expectation is derived from the models' schemas, so this follows model changes; the
 * critical indexes are also checked by meaning.
 */
interface IndexSpec {
  collection: string;
  name: string;
  key: [string, unknown][];
  unique: boolean;
  partialFilterExpression: Document | null;
  expireAfterSeconds: number | null;
}

const spec = (collection: string, key: Document, options: Document): IndexSpec => ({
  collection,
  name: String(options['name']),
  key: Object.entries(key),
  unique: options['unique'] === true,
  partialFilterExpression: (options['partialFilterExpression'] as Document | undefined) ?? null,
  expireAfterSeconds: (options['expireAfterSeconds'] as number | undefined) ?? null,
});

function declaredIndexes(models: Record<string, Model<never>>): IndexSpec[] {
  return Object.values(models).flatMap((model) =>
    model.schema.indexes().map(([key, options]: [unknown, unknown]) => spec(model.collection.collectionName, key as Document, (options ?? {}) as Document)),
  );
}

function sentIndexes(wire: MongoWireServer, db: string): IndexSpec[] {
  return wire
    .sent('createIndexes')
    .filter((command) => command.db === db)
    .flatMap((command) => (command.body['indexes'] as Document[]).map(({ key, ...options }) => spec(command.collection!, key as Document, options)));
}

/**
 * With autoIndex on, mongoose would send every index again from model.init(), in the
 * background. Wait for any such work to settle, so a duplicate would be seen.
 */
async function settle(db: string, wire: MongoWireServer): Promise<Connection> {
  const connection = mongoose.connections.find((c) => c.name === db && `${c.host}:${c.port}` === wire.host);
  if (!connection) throw new Error(`no connection to ${db}`);
  await Promise.all(Object.values(connection.models).map((model) => model.init()));
  return connection;
}

const keyOf = (s: IndexSpec) => `${s.collection}.${s.name}`;
const byName = (specs: IndexSpec[]) => new Map(specs.map((s) => [keyOf(s), s]));

/**
 * Every declared index sent exactly once, as declared; nothing else. Sent twice would mean
 * a second, unplanned build path (autoIndex) that a deliberate rollout cannot control.
 */
function expectSentMatchesDeclared(sent: IndexSpec[], declared: IndexSpec[]): IndexSpec[] {
  // Explicit names: a deliberate rollout (and this test) identifies an index by its name.
  for (const index of declared) expect(index.name).not.toBe('undefined');
  expect(sent.map(keyOf).sort()).toEqual(declared.map(keyOf).sort());
  expect(new Map([...byName(sent)].sort())).toEqual(new Map([...byName(declared)].sort()));
  return sent;
}

/** Starts a service, and proves its index builds all happened before it listened, once. */
async function startAndSettle<T extends { stop(): Promise<void> }>(
  start: () => Promise<T>,
  db: string,
  wire: MongoWireServer,
): Promise<{ service: T; connection: Connection; sent: IndexSpec[] }> {
  const service = await start();
  try {
    const atListen = sentIndexes(wire, db);
    const connection = await settle(db, wire);
    expect(connection.config.autoIndex).toBe(false);
    const sent = sentIndexes(wire, db);
    // Nothing built after start-up returned (autoIndex, or a lazy build on first use).
    expect(sent).toEqual(atListen);
    return { service, connection, sent };
  } catch (error) {
    await service.stop();
    throw error;
  }
}

let wire: MongoWireServer;
beforeAll(async () => {
  wire = await MongoWireServer.start();
});
afterAll(() => wire.close());

test("users' start-up builds exactly the indexes its models declare", async () => {
  const { service, connection, sent: sentAtStart } = await startAndSettle(() => startUsersService(testConfig({ MONGODB_URI: wire.uri('users') })), 'users', wire);
  try {
    const sent = expectSentMatchesDeclared(sentAtStart, declaredIndexes(usersModels(connection) as unknown as Record<string, Model<never>>));

    const unique = (collection: string, fields: string[]) =>
      sent.filter((s) => s.collection === collection && s.unique && s.key.map(([f]) => f).sort().join() === [...fields].sort().join());
    expect(unique('users', ['usernameKey'])).toHaveLength(1);
    expect(unique('sessions', ['userId', 'deviceId'])).toHaveLength(1);
    expect(sent.find((s) => s.collection === 'sessions' && s.expireAfterSeconds !== null)).toMatchObject({ key: [['expiresAt', 1]], expireAfterSeconds: 0 });
  } finally {
    await service.stop();
  }
});

test("events' start-up builds exactly the indexes its models declare, including the partial unique GRANTED index", async () => {
  const { service, connection, sent: sentAtStart } = await startAndSettle(() => startEventsService(testConfig({ MONGODB_URI: wire.uri('events') })), 'events', wire);
  try {
    const sent = expectSentMatchesDeclared(sentAtStart, declaredIndexes(eventsModels(connection) as unknown as Record<string, Model<never>>));

    const fieldsOf = (s: IndexSpec) => s.key.map(([f]) => f).sort().join();
    // Exactly-once: at most one grant per (player, event, period), userId first (the shard
    // key), over the claims that hold a grant (a flag, so another status may hold one too).
    const oneGrant = sent.filter((s) => s.collection === 'reward_claims' && s.unique && fieldsOf(s) === 'eventId,period,userId');
    expect(oneGrant).toHaveLength(1);
    expect(oneGrant[0]!.key).toEqual([['userId', 1], ['eventId', 1], ['period', 1]]);
    expect(oneGrant[0]!.partialFilterExpression).toEqual({ holdsGrant: true });
    expect(sent.filter((s) => s.collection === 'reward_claims' && s.unique && fieldsOf(s) === 'eventId,userId')).toEqual([]);
    // Periodic stock: the reconciler's scan of old reservations.
    expect(sent.filter((s) => s.collection === 'event_period_stock').map((s) => s.key)).toEqual([[['reservations.at', 1]]]);
    // Idempotency keys are unique per player, and only where one was given.
    const keys = sent.filter((s) => s.collection === 'reward_claims' && s.unique && fieldsOf(s) === 'idempotencyKey,userId');
    expect(keys).toHaveLength(1);
    expect(keys[0]!.partialFilterExpression).toEqual({ idempotencyKey: { $type: 'string' } });
  } finally {
    await service.stop();
  }
});
