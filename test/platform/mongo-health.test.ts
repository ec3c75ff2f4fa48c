import mongoose from 'mongoose';
import { mongoConnectionOptions, pingDatabase } from '@platform/shared';
import { createMongoEventsStores } from '../../subgraphs/events/src/store/mongo';
import { createMongoUsersStores } from '../../subgraphs/users/src/store/mongo';

describe('MongoDB health and indexes, without a server', () => {
  test('connections never build indexes on their own: each service builds them at start-up', () => {
    expect(mongoConnectionOptions('events')).toMatchObject({ dbName: 'events', autoIndex: false });
  });

  test('ping fails when there is no open connection (health goes down), for both subgraphs', async () => {
    const connection = mongoose.createConnection();
    try {
      await expect(pingDatabase(connection)).rejects.toThrow('not connected');
      await expect(createMongoEventsStores(connection).events.ping()).rejects.toThrow('not connected');
      await expect(createMongoUsersStores(connection).users.ping()).rejects.toThrow('not connected');
    } finally {
      await connection.close();
    }
  });

  test('ping is a real round trip with a time bound (a hung server turns health down, not hangs it)', () => {
    const connection = mongoose.createConnection();
    const command = jest.fn(() => new Promise(() => undefined));
    Object.defineProperty(connection, 'db', { value: { command } });
    Object.defineProperty(connection, 'readyState', { value: mongoose.ConnectionStates.connected });
    void pingDatabase(connection, 50);
    expect(command).toHaveBeenCalledWith({ ping: 1 }, { timeoutMS: 50 });
  });
});
