import 'reflect-metadata';
import { runLedgerVerification } from './verify-ledger-run';

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
  return runLedgerVerification(uri, process.env['USERS_DB_NAME'] || 'users', { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`verify:ledger: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
