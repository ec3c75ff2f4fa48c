import type { Connection } from 'mongoose';
import { createLogger, openStorage } from '@platform/shared';
import { MongoWireServer } from './mongo-wire-server';

export * from './mongo-wire-server';
export * from './recorded-command';
export * from './replies';
export type { Document } from './wire-codec';

export interface WireDatabase {
  wire: MongoWireServer;
  /** Opened by the services' own `openStorage`, as in production. */
  connection: Connection;
  close(): Promise<void>;
}

/** A wire endpoint and a mongoose connection to it through the real driver. */
export async function openWireDatabase(dbName: string): Promise<WireDatabase> {
  const wire = await MongoWireServer.start();
  const storage = await openStorage(wire.uri(dbName), dbName, createLogger('mongo-wire'));
  if (storage.kind !== 'mongo') throw new Error('openStorage did not open MongoDB');
  return {
    wire,
    connection: storage.connection,
    close: async () => {
      await storage.close();
      await wire.close();
    },
  };
}
export * from './transaction-expectations';
