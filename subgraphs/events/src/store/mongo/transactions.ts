import { serviceUnavailable } from '@platform/shared';

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

const DATABASE_BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * Runs one store operation; a transient database failure becomes SERVICE_UNAVAILABLE with a
 * retry hint for the player instead of an internal error. Anything else passes through.
 */
export async function translateTransient<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isTransientDatabaseError(error)) throw serviceUnavailable('The database is busy; try again with the same idempotency key.', DATABASE_BUSY_RETRY_AFTER_SECONDS);
    throw error;
  }
}
