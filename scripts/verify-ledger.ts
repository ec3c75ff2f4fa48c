import 'reflect-metadata';
import mongoose from 'mongoose';
import { mongoConnectionOptions } from '@platform/shared';
import { verifyLedger } from '../subgraphs/users/src/services/ledger-verifier';
import { MongoUserStore } from '../subgraphs/users/src/store/mongo/mongo-user-store';

/**
 * `npm run verify:ledger`: replays every player's holdings ledger from the users database
 * on MONGODB_URI (read only) and compares it with their holdings. Exit code 0 when every
 * player matches, 1 when any does not (each one printed), 2 when it could not run.
 * USERS_DB_NAME overrides the database name ("users").
 */
async function main(): Promise<number> {
  const uri = process.env['MONGODB_URI'];
  if (!uri) {
    process.stderr.write('verify:ledger: set MONGODB_URI to the replica set users runs on.\n');
    return 2;
  }
  const connection = await mongoose.createConnection(uri, mongoConnectionOptions(process.env['USERS_DB_NAME'] || 'users')).asPromise();
  try {
    const result = await verifyLedger(new MongoUserStore(connection), (checked) => process.stderr.write(`checked ${checked} players\r`));
    for (const m of result.mismatches) {
      process.stdout.write(`MISMATCH ${m.userId} (${m.username}): holdings ${JSON.stringify(m.holdings)} but the ledger adds up to ${JSON.stringify(m.replayed)}\n`);
    }
    process.stdout.write(`${result.usersChecked} players, ${result.entriesReplayed} ledger entries replayed, ${result.mismatches.length} mismatches\n`);
    return result.mismatches.length === 0 ? 0 : 1;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`verify:ledger: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
