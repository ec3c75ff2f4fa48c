import { mongo } from 'mongoose';
import type { Document } from './wire-codec';

/** One command as the driver sent it, with the fields that say which transaction it is in. */
export interface RecordedCommand {
  /** The command's name: its first key (`insert`, `find`, `commitTransaction`, ...). */
  name: string;
  db: string;
  /** The collection a CRUD command targets (the first key's value), else null. */
  collection: string | null;
  body: Document;
  /** The logical session id as hex, null for a session-less command. */
  lsid: string | null;
  txnNumber: number | null;
  /** `false` on every command inside a transaction; absent (null) outside one. */
  autocommit: boolean | null;
  startTransaction: boolean;
  readConcern: Document | null;
  writeConcern: Document | null;
  /** What the endpoint answered. */
  reply: Document;
}

export const WRITE_COMMANDS: ReadonlySet<string> = new Set(['insert', 'update', 'delete', 'findAndModify']);

function lsidOf(body: Document): string | null {
  const id = (body['lsid'] as { id?: unknown } | undefined)?.id;
  return id instanceof mongo.Binary ? Buffer.from(id.buffer).toString('hex') : null;
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  return value instanceof mongo.Long ? value.toNumber() : null;
}

export function describeCommand(body: Document): Omit<RecordedCommand, 'reply'> {
  const name = Object.keys(body)[0] ?? '';
  const target = body[name];
  return {
    name,
    db: String(body['$db'] ?? ''),
    collection: typeof target === 'string' ? target : null,
    body,
    lsid: lsidOf(body),
    txnNumber: numberOf(body['txnNumber']),
    autocommit: typeof body['autocommit'] === 'boolean' ? body['autocommit'] : null,
    startTransaction: body['startTransaction'] === true,
    readConcern: (body['readConcern'] as Document | undefined) ?? null,
    writeConcern: (body['writeConcern'] as Document | undefined) ?? null,
  };
}

export const isWrite = (command: RecordedCommand) => WRITE_COMMANDS.has(command.name);

/** One attempt of a transaction: every command sent with one (lsid, txnNumber) and autocommit false. */
export interface TransactionAttempt {
  lsid: string;
  txnNumber: number;
  commands: RecordedCommand[];
  /** The last commitTransaction was acknowledged without a write-concern error. */
  committed: boolean;
  aborted: boolean;
}

const acknowledged = (reply: Document) => reply['ok'] === 1 && !reply['writeConcernError'];

export function transactionAttempts(commands: readonly RecordedCommand[]): TransactionAttempt[] {
  const attempts = new Map<string, TransactionAttempt>();
  for (const command of commands) {
    if (command.autocommit !== false || command.lsid === null || command.txnNumber === null) continue;
    const key = `${command.lsid}:${command.txnNumber}`;
    const attempt = attempts.get(key) ?? { lsid: command.lsid, txnNumber: command.txnNumber, commands: [], committed: false, aborted: false };
    attempt.commands.push(command);
    if (command.name === 'commitTransaction') attempt.committed = acknowledged(command.reply);
    if (command.name === 'abortTransaction') attempt.aborted = true;
    attempts.set(key, attempt);
  }
  return [...attempts.values()];
}

/** The documents a write command carries: inserted documents, or update/delete filters. */
export function writtenDocuments(command: RecordedCommand): Document[] {
  if (command.name === 'insert') return (command.body['documents'] as Document[] | undefined) ?? [];
  if (command.name === 'update') return ((command.body['updates'] as Document[] | undefined) ?? []).map((u) => u['q'] as Document);
  if (command.name === 'delete') return ((command.body['deletes'] as Document[] | undefined) ?? []).map((d) => d['q'] as Document);
  if (command.name === 'findAndModify') return [(command.body['query'] as Document | undefined) ?? {}];
  return [];
}
