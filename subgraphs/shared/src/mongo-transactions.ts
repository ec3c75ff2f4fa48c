import { mongo, type ClientSession, type Connection } from 'mongoose';
import { serviceUnavailable } from './errors';

/** A grant transaction gets this long, retries included, before it gives up. */
export const DEFAULT_TRANSACTION_TIMEOUT_MS = 5_000;

/**
 * Options for `session.withTransaction`, set on every transaction rather than inherited
 * from the deployment's defaults: a snapshot read and a majority commit, so a committed
 * grant survives a failover, and a bounded time (the driver's own `timeoutMS`), so a
 * contended or unreachable database fails a request in seconds instead of the driver's
 * 120 s retry loop.
 */
export function transactionOptions(timeoutMS: number = DEFAULT_TRANSACTION_TIMEOUT_MS) {
  return { readConcern: { level: 'snapshot' as const }, writeConcern: { w: 'majority' as const }, timeoutMS };
}

/**
 * Runs `work` in one transaction with `transactionOptions(timeoutMS)` (the default budget
 * when undefined) and returns what it returns; the session is ended whatever happens. The
 * driver may run `work` again after a transient error, so it must write only through
 * `session` and keep no state outside it.
 */
export async function inTransaction<T>(connection: Connection, timeoutMS: number | undefined, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = await connection.startSession();
  try {
    return await session.withTransaction(() => work(session), transactionOptions(timeoutMS));
  } finally {
    await session.endSession();
  }
}

const GIVE_UP_LABELS = ['TransientTransactionError', 'UnknownTransactionCommitResult'] as const;

/**
 * The database could not answer in time: the time budget ran out (during retries or a
 * slow command), no server could be selected, the network failed, or a transaction ended
 * with an error the driver itself would retry. Retrying the request later may succeed;
 * it is not a bug in the request.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof mongo.MongoOperationTimeoutError) return true;
  if (error instanceof mongo.MongoServerSelectionError || error instanceof mongo.MongoNetworkError) return true;
  return error instanceof mongo.MongoError && GIVE_UP_LABELS.some((label) => error.hasErrorLabel(label));
}

/** SERVICE_UNAVAILABLE for a database that did not answer in time; anything else unchanged. */
export function databaseErrorToDomain(error: unknown, what: string): unknown {
  return isDatabaseUnavailable(error) ? serviceUnavailable(`${what} could not be completed in time; retrying is safe.`) : error;
}
