import type { Connection } from 'mongoose';
import type { UsersStores } from '../ports';
import { MongoSessionStore } from './mongo-session-store';
import { MongoUserStore } from './mongo-user-store';

export function createMongoUsersStores(connection: Connection): UsersStores {
  return { users: new MongoUserStore(connection), sessions: new MongoSessionStore(connection) };
}
