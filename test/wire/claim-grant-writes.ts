import { isWrite, writtenDocuments, type RecordedCommand, type TransactionAttempt } from '../support/mongo-wire';

/**
 * WHICH documents a grant writes, kept apart from the wire tests so the claim design can
 * change in one place. Each write is summarised as "<command> <collection>", in order.
 *
 * The grant transaction writes this player's documents only: the GRANTED claim and its
 * outbox entry. The event document is never written inside it. Outside it, before the
 * commit: the first grant of an event freezes it (one conditional update, matched but
 * unmodified once frozen), and a limited grant takes its unit of stock with one conditional
 * single-document update (MongoDB queues those instead of aborting them).
 */
export const EXPECTED_GRANT_WRITES = {
  unlimited: {
    inTransaction: ['insert reward_claims', 'insert deliveries'],
    outsideBeforeCommit: ['update events'],
    /** Collections whose written document is not the grant's own (claim/outbox, _id = claim id). */
    sharedCollectionsWritten: [] as string[],
  },
  limited: {
    inTransaction: ['insert reward_claims', 'insert deliveries'],
    outsideBeforeCommit: ['update events', 'update events'],
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
