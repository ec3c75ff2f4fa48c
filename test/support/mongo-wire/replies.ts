import { mongo } from 'mongoose';
import type { Document } from './wire-codec';

/**
 * Server replies as mongod 7 shapes them. Cursor ids are Int64: the driver reads them as
 * Long and refuses an int32.
 */
const { Long, ObjectId } = mongo;

/** mongod 7.0's wire version; the driver accepts 8 (4.2) to 27 (8.2). */
export const MONGOD_7_WIRE_VERSION = 21;
export const REPLICA_SET = 'rs0';

const electionId = new ObjectId('7fffffff0000000000000001');

export function helloReply(host: string, connectionId: number): Document {
  return {
    helloOk: true,
    isWritablePrimary: true,
    ismaster: true,
    secondary: false,
    setName: REPLICA_SET,
    setVersion: 1,
    electionId,
    hosts: [host],
    primary: host,
    me: host,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: MONGOD_7_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

export function cursorReply(ns: string, docs: readonly Document[]): Document {
  return { cursor: { id: Long.fromNumber(0), ns, firstBatch: [...docs] }, ok: 1 };
}

/** findAndModify's answer: `value` null means no document matched. */
export function findAndModifyReply(value: Document | null): Document {
  return { lastErrorObject: { n: value ? 1 : 0, updatedExisting: value !== null }, value, ok: 1 };
}

export function updateReply(matched: number, modified = matched): Document {
  return { n: matched, nModified: modified, ok: 1 };
}

export function commandError(code: number, codeName: string, errorLabels: string[] = []): Document {
  return { ok: 0, errmsg: `${codeName} (injected by the wire test)`, code, codeName, ...(errorLabels.length ? { errorLabels } : {}) };
}

/** What a transaction's write gets when another transaction wrote the same document first. */
export const writeConflict = () => commandError(112, 'WriteConflict', ['TransientTransactionError']);

/** The commit's majority acknowledgement timed out: the driver cannot know whether it committed. */
export const commitWriteConcernTimeout = (): Document => ({
  ok: 1,
  writeConcernError: { code: 64, codeName: 'WriteConcernFailed', errmsg: 'waiting for replication timed out', errInfo: { wtimeout: true } },
});

/** A unique index refused the write (insert, update); `keyPattern` names the index's fields. */
export function duplicateKey(collection: string, indexName: string, keyPattern: Document, keyValue: Document = {}): Document {
  return {
    n: 0,
    writeErrors: [
      { index: 0, code: 11000, errmsg: `E11000 duplicate key error collection: ${collection} index: ${indexName}`, keyPattern, keyValue },
    ],
    ok: 1,
  };
}

/** The default for anything not scripted: every write succeeds, every read finds nothing. */
export function defaultReply(command: Document, name: string, collection: string | null): Document {
  const ns = `${String(command['$db'])}.${collection ?? '$cmd'}`;
  switch (name) {
    case 'insert':
      return { n: (command['documents'] as unknown[] | undefined)?.length ?? 0, ok: 1 };
    case 'update':
      return updateReply((command['updates'] as unknown[] | undefined)?.length ?? 0);
    case 'delete':
      return { n: 0, ok: 1 };
    case 'findAndModify':
      return findAndModifyReply(null);
    case 'find':
    case 'aggregate':
    case 'listIndexes':
    case 'listCollections':
      return cursorReply(ns, []);
    case 'getMore':
      return { cursor: { id: Long.fromNumber(0), ns, nextBatch: [] }, ok: 1 };
    case 'count':
      return { n: 0, ok: 1 };
    case 'createIndexes':
      return { numIndexesBefore: 1, numIndexesAfter: 1 + ((command['indexes'] as unknown[] | undefined)?.length ?? 0), createdCollectionAutomatically: false, ok: 1 };
    case 'buildInfo':
      return { version: '7.0.0', versionArray: [7, 0, 0, 0], ok: 1 };
    default:
      // commitTransaction, abortTransaction, endSessions, ping, create, killCursors, ...
      return { ok: 1 };
  }
}
