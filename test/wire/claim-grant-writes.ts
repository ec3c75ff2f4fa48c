import { isWrite, writtenDocuments, type RecordedCommand, type TransactionAttempt } from '../support/mongo-wire';

/**
 * WHICH documents a grant writes, kept apart from the wire tests so the claim design can
 * change in one place. Each write is summarised as "<command> <collection>", in order.
 *
 * Current design (issue 9 is changing it): the grant transaction also writes the event
 * document (grantedCount, and claimsRemaining for limited events), and nothing is written
 * outside the transaction before the commit. After the redesign, an unlimited grant writes
 * only its claim and outbox entry, and a limited grant takes its unit of stock with one
 * conditional update on the event BEFORE (outside) the transaction.
 */
export const EXPECTED_GRANT_WRITES = {
  unlimited: {
    inTransaction: ['update events', 'insert reward_claims', 'insert deliveries'],
    outsideBeforeCommit: [] as string[],
    /** Collections whose written document is not the grant's own (claim/outbox, _id = claim id). */
    sharedCollectionsWritten: ['events'],
  },
  limited: {
    inTransaction: ['update events', 'insert reward_claims', 'insert deliveries'],
    outsideBeforeCommit: [] as string[],
  },
};

export const summarise = (commands: readonly RecordedCommand[]) => commands.filter(isWrite).map((c) => `${c.name} ${c.collection}`);

/** Writes sent outside any transaction before `attempt` committed: e.g. a stock reservation. */
export function writesOutsideBeforeCommit(all: readonly RecordedCommand[], attempt: TransactionAttempt): string[] {
  const commit = attempt.commands.find((c) => c.name === 'commitTransaction');
  const before = commit ? all.slice(0, all.indexOf(commit)) : all;
  return summarise(before.filter((c) => c.autocommit !== false));
}

/** Collections where the transaction wrote a document other than the claim's own (by _id). */
export function sharedCollectionsWritten(attempt: TransactionAttempt, claimId: string): string[] {
  const own = (doc: Record<string, unknown>) => String(doc['_id']) === claimId;
  const shared = attempt.commands.filter(isWrite).filter((c) => writtenDocuments(c).some((doc) => !own(doc)));
  return [...new Set(shared.map((c) => c.collection ?? c.name))];
}
