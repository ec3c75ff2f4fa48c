import mongoose from 'mongoose';
import type { Logger } from './logger';

export type Storage =
  | { kind: 'mongo'; connection: mongoose.Connection; close(): Promise<void> }
  | { kind: 'memory'; close(): Promise<void> };

/** Opens the service's own database on MONGODB_URI, or the in-process memory store. */
export async function openStorage(mongoUri: string | null, dbName: string, logger: Logger): Promise<Storage> {
  if (!mongoUri) {
    logger.warn('using the in-memory store: data is lost on restart and nothing is shared between processes');
    return { kind: 'memory', close: async () => undefined };
  }
  const connection = await mongoose.createConnection(mongoUri, mongoConnectionOptions(dbName)).asPromise();
  logger.info('connected to MongoDB', { dbName });
  return { kind: 'mongo', connection, close: () => connection.close() };
}

/**
 * No autoIndex: mongoose would build indexes in the background on first use, where a
 * failure goes unnoticed and a changed index rebuilds on every instance at once. Each
 * service builds its indexes deliberately at start-up instead (ensureIndexes).
 */
export function mongoConnectionOptions(dbName: string): mongoose.ConnectOptions {
  return { dbName, serverSelectionTimeoutMS: 10_000, autoIndex: false, autoCreate: false };
}

/** One real round trip; throws when there is no open connection or it does not answer in time. */
export async function pingDatabase(connection: mongoose.Connection, timeoutMs = 2000): Promise<void> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) throw new Error('not connected to MongoDB');
  await db.command({ ping: 1 }, { timeoutMS: timeoutMs });
}

export interface EmbeddedMongo {
  uri: string;
  stop(): Promise<void>;
}

/**
 * A one-node replica set from mongodb-memory-server (transactions need a replica set),
 * when a mongod binary can be had: MONGOMS_SYSTEM_BINARY, or its cache/download.
 * Returns null when none can, and the caller falls back to the memory store.
 */
export async function startEmbeddedMongo(logger: Logger): Promise<EmbeddedMongo | null> {
  if (process.env['MONGOMS_DISABLE_EMBEDDED'] === '1') return null;
  try {
    const { MongoMemoryReplSet } = await import('mongodb-memory-server-core');
    const replSet = await MongoMemoryReplSet.create({ replSet: { count: 1, storageEngine: 'wiredTiger' } });
    logger.info('started embedded MongoDB replica set');
    return { uri: replSet.getUri(), stop: async () => void (await replSet.stop()) };
  } catch (error) {
    logger.warn('no mongod available for the embedded replica set', { reason: (error as Error).message });
    return null;
  }
}

export function printMemoryStoreBanner(): void {
  const line = '!'.repeat(78);
  process.stderr.write(
    `\n${line}\n!! No MONGODB_URI and no mongod for an embedded replica set: using the IN-MEMORY store.\n` +
      `!! Data lives only as long as this process. Set MONGODB_URI (or MONGOMS_SYSTEM_BINARY) for MongoDB.\n${line}\n\n`,
  );
}

/**
 * Binds a typegoose-built schema to one connection (once). typegoose's and mongoose's
 * schema generics disagree, hence the cast in this single place.
 */
export function bindModel<T>(connection: mongoose.Connection, name: string, schema: unknown): mongoose.Model<T> {
  return (connection.models[name] ?? connection.model(name, schema as mongoose.Schema)) as unknown as mongoose.Model<T>;
}

/**
 * Builds every declared index before the service takes requests: the unique and partial
 * indexes are the concurrency control, so they must exist before the first write, and a
 * failed build must stop start-up rather than go unnoticed in the background.
 */
export async function ensureIndexes(models: readonly mongoose.Model<never>[]): Promise<void> {
  for (const model of models) await model.createIndexes();
}
