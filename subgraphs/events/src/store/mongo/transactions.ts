import type { ClientSession, Connection } from 'mongoose';
import { serviceUnavailable } from '@platform/shared';

/**
 * Every grant transaction: a snapshot of one moment, committed on a majority (a failover
 * cannot roll back a grant that was already delivered), and a time budget. The driver
 * (mongodb 7, client-side operation timeout) retries transient errors with backoff inside
 * that budget and then gives up with a timeout error; the server itself aborts any
 * transaction older than transactionLifetimeLimitSeconds (60 s by default).
 */
export function grantTransactionOptions(timeoutMs: number) {
  return { readConcern: { level: 'snapshot' as const }, writeConcern: { w: 'majority' as const }, timeoutMS: timeoutMs };
}

/** Runs `work` in a transaction with the grant options; the session is always ended. */
export async function inTransaction<T>(connection: Connection, timeoutMs: number, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = await connection.startSession();
  try {
    let result: T | undefined;
    await session.withTransaction(async () => {
      result = await work(session);
    }, grantTransactionOptions(timeoutMs));
    return result as T;
  } finally {
    await session.endSession();
  }
}

const TRANSIENT_LABELS = ['TransientTransactionError', 'UnknownTransactionCommitResult', 'RetryableWriteError'];
const TRANSIENT_NAMES = new Set(['MongoOperationTimeoutError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoWaitQueueTimeoutError', 'MongoTopologyClosedError']);
/** Server codes that mean "busy, electing or timed out", not "wrong": WriteConflict, MaxTimeMSExpired, ExceededTimeLimit, LockTimeout, NoSuchTransaction, TransactionExceededLifetimeLimitSeconds, the not-primary and shutdown family. */
const TRANSIENT_CODES = new Set([6, 7, 24, 50, 89, 91, 112, 189, 251, 262, 290, 9001, 10107, 11600, 11602, 13435, 13436]);

type MaybeMongoError = { name?: string; code?: number; hasErrorLabel?: (label: string) => boolean; errorLabels?: string[] };

/** A database failure that retrying later (with the same idempotency key) may get past. */
export function isTransientDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as MaybeMongoError;
  if (candidate.name && TRANSIENT_NAMES.has(candidate.name)) return true;
  if (typeof candidate.code === 'number' && TRANSIENT_CODES.has(candidate.code)) return true;
  const labels = candidate.errorLabels ?? [];
  return TRANSIENT_LABELS.some((label) => labels.includes(label) || candidate.hasErrorLabel?.(label) === true);
}

export const RETRY_AFTER_SECONDS = 1;

/**
 * Runs one store operation; a transient database failure becomes SERVICE_UNAVAILABLE with a
 * retry hint for the player instead of an internal error. Anything else passes through.
 */
export async function translateTransient<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isTransientDatabaseError(error)) throw serviceUnavailable('The database is busy; try again with the same idempotency key.', RETRY_AFTER_SECONDS);
    throw error;
  }
}
