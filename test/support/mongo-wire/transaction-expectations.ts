import { isWrite, transactionAttempts, type RecordedCommand, type TransactionAttempt } from './recorded-command';

/**
 * Assertions every grant transaction must pass, whatever it writes: one session and one
 * txnNumber for all its commands, a snapshot read concern on the first, a majority write
 * concern on every commit.
 */
export function expectSnapshotMajorityTransaction(attempt: TransactionAttempt): void {
  const [first] = attempt.commands;
  expect(first?.startTransaction).toBe(true);
  expect(first?.readConcern).toMatchObject({ level: 'snapshot' });
  expect(attempt.commands.slice(1).every((c) => !c.startTransaction && c.readConcern === null)).toBe(true);
  const commits = attempt.commands.filter((c) => c.name === 'commitTransaction');
  expect(commits.length).toBeGreaterThan(0);
  for (const commit of commits) expect(commit.writeConcern).toMatchObject({ w: 'majority' });
}

/** The single committed attempt among `commands`; fails unless exactly one committed. */
export function committedAttempt(commands: readonly RecordedCommand[]): TransactionAttempt {
  const committed = transactionAttempts(commands).filter((a) => a.committed);
  expect(committed).toHaveLength(1);
  return committed[0]!;
}

/** Writes sent outside any transaction (autocommit absent). */
export const writesOutsideTransactions = (commands: readonly RecordedCommand[]) => commands.filter((c) => isWrite(c) && c.autocommit !== false);

export const writesOf = (attempt: TransactionAttempt) => attempt.commands.filter(isWrite);
