import mongoose, { type Connection, type Model } from 'mongoose';
import { newId } from '@platform/shared';

/**
 * One contract, every adapter: the memory store always, MongoDB when MONGODB_URI is set
 * (a replica set: grants are transactions). MongoDB is the reference; the memory adapter
 * must behave the same.
 */
export interface StoreFixture<TStores> {
  stores: TStores;
  /** Empties every collection (fresh stores for the memory adapter). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreAdapter<TStores> {
  name: string;
  open(): Promise<StoreFixture<TStores>>;
}

export function storeAdapters<TStores>(spec: {
  /** Names the throwaway MongoDB database. */
  subgraph: string;
  memory: () => TStores;
  /** Builds the indexes (as at start-up) and the stores on the connection. */
  mongo: (connection: Connection) => Promise<{ stores: TStores; models: readonly Model<never>[] }>;
}): StoreAdapter<TStores>[] {
  const memory: StoreAdapter<TStores> = {
    name: 'memory',
    open: async () => {
      const fixture: StoreFixture<TStores> = {
        stores: spec.memory(),
        reset: async () => {
          fixture.stores = spec.memory();
        },
        close: async () => undefined,
      };
      return fixture;
    },
  };
  const uri = process.env['MONGODB_URI'];
  if (!uri) return [memory];
  const mongo: StoreAdapter<TStores> = {
    name: 'mongodb',
    open: async () => {
      const connection = await mongoose.createConnection(uri, { dbName: `${spec.subgraph}_contract_${newId()}`, serverSelectionTimeoutMS: 10_000 }).asPromise();
      const { stores, models } = await spec.mongo(connection);
      return {
        stores,
        reset: async () => {
          await Promise.all(models.map((model) => model.deleteMany({})));
        },
        close: async () => {
          await connection.dropDatabase();
          await connection.close();
        },
      };
    },
  };
  return [memory, mongo];
}
