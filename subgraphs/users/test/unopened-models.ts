import mongoose from 'mongoose';
import { usersModels, type UsersModels } from '../src/store/mongo/models';

/**
 * The prologue of the users model suites that need no server: a connection that is never
 * opened and the users models on it, made once for the suite and handed to `use`.
 */
export function unopenedUsersModels(use: (connection: mongoose.Connection, models: UsersModels) => void): void {
  let connection: mongoose.Connection;
  beforeAll(() => {
    connection = mongoose.createConnection();
    use(connection, usersModels(connection));
  });
  afterAll(() => connection.close());
}
