import mongoose from 'mongoose';
import { mongoConnectionOptions } from '@platform/shared';
import { verifyLedger } from '../subgraphs/users/src/services/ledger-verifier';
import { MongoUserStore } from '../subgraphs/users/src/store/mongo/mongo-user-store';

/**
 * Replays every player's ledger from the users database at `uri` and prints each player
 * whose holdings do not match. 0 when all match, 1 otherwise. Read only.
 */
export async function runLedgerVerification(uri: string, dbName: string, out: { stdout: (text: string) => void; stderr: (text: string) => void }): Promise<number> {
  const connection = await mongoose.createConnection(uri, mongoConnectionOptions(dbName)).asPromise();
  try {
    const result = await verifyLedger(new MongoUserStore(connection), (checked) => out.stderr(`checked ${checked} players\r`));
    for (const m of result.mismatches) {
      out.stdout(`MISMATCH ${m.userId} (${m.username}): holdings ${JSON.stringify(m.holdings)} but the ledger adds up to ${JSON.stringify(m.replayed)}\n`);
    }
    out.stdout(`${result.usersChecked} players, ${result.entriesReplayed} ledger entries replayed, ${result.mismatches.length} mismatches\n`);
    return result.mismatches.length === 0 ? 0 : 1;
  } finally {
    await connection.close();
  }
}
