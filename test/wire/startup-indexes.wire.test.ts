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

/** Mongoose builds indexes in the background too (autoIndex); wait for that to settle. */
async function settle(db: string, wire: MongoWireServer): Promise<Connection> {
  const connection = mongoose.connections.find((c) => c.name === db && `${c.host}:${c.port}` === wire.host);
  if (!connection) throw new Error(`no connection to ${db}`);
  await Promise.all(Object.values(connection.models).map((model) => model.init()));
  return connection;
}

const byName = (specs: IndexSpec[]) => new Map(specs.map((s) => [`${s.collection}.${s.name}`, s]));

/** The distinct indexes sent (mongoose's autoIndex, while on, sends each one a second time). */
function expectSentMatchesDeclared(sent: IndexSpec[], declared: IndexSpec[]): IndexSpec[] {
  // Explicit names: a deliberate rollout (and this test) identifies an index by its name.
  for (const index of declared) expect(index.name).not.toBe('undefined');
  const sentByName = byName(sent);
  // Every time an index is sent (explicitly, or again by autoIndex), it is the same spec.
  for (const index of sent) expect(index).toEqual(sentByName.get(`${index.collection}.${index.name}`));
  expect(new Map([...sentByName].sort())).toEqual(new Map([...byName(declared)].sort()));
  return [...sentByName.values()];
}

let wire: MongoWireServer;
beforeAll(async () => {
  wire = await MongoWireServer.start();
});
afterAll(() => wire.close());

test("users' start-up builds exactly the indexes its models declare", async () => {
  const service = await startUsersService(testConfig({ MONGODB_URI: wire.uri('users') }));
  try {
    const connection = await settle('users', wire);
    const sent = expectSentMatchesDeclared(sentIndexes(wire, 'users'), declaredIndexes(usersModels(connection) as unknown as Record<string, Model<never>>));

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
  const service = await startEventsService(testConfig({ MONGODB_URI: wire.uri('events') }));
  try {
    const connection = await settle('events', wire);
    const sent = expectSentMatchesDeclared(sentIndexes(wire, 'events'), declaredIndexes(eventsModels(connection) as unknown as Record<string, Model<never>>));

    const fieldsOf = (s: IndexSpec) => s.key.map(([f]) => f).sort().join();
    // Exactly-once: at most one GRANTED claim per (event, player), whatever the key order.
    const oneGrant = sent.filter((s) => s.collection === 'reward_claims' && s.unique && fieldsOf(s) === 'eventId,userId');
    expect(oneGrant).toHaveLength(1);
    expect(oneGrant[0]!.partialFilterExpression).toEqual({ holdsGrant: true });
    // Idempotency keys are unique per player, and only where one was given.
    const keys = sent.filter((s) => s.collection === 'reward_claims' && s.unique && fieldsOf(s) === 'idempotencyKey,userId');
    expect(keys).toHaveLength(1);
    expect(keys[0]!.partialFilterExpression).toEqual({ idempotencyKey: { $type: 'string' } });
  } finally {
    await service.stop();
  }
});
