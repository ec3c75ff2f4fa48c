import { Types } from 'mongoose';
import {
  committedAttempt,
  cursorReply,
  expectSnapshotMajorityTransaction,
  transactionAttempts,
  writeConflict,
  type Document,
  type RecordedCommand,
} from '../support/mongo-wire';
import { claimAs, eventsWirePerSuite, insertedClaims, newEventAndPlayer, resetWire, type ClaimOutcome, type EventsWire } from './events-wire-fixture';

/**
 * The events grant's transaction options and time budget, through the events subgraph's
 * real schema, services, MongoDB stores and driver against a wire endpoint. The claim
 * transaction budget is short here (CLAIM_TRANSACTION_TIMEOUT_MS, 300 ms) so that an
 * exhausted budget is reached quickly.
 */
const BUDGET_MS = 300;
let wire: EventsWire;

eventsWirePerSuite(
  (opened) => {
    wire = opened;
  },
  { transactionTimeoutMs: BUDGET_MS },
);

/** A commit that answers only when the test lets it (after the budget ran out). */
function hangCommits(): () => void {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  wire.db.wire.script({ command: 'commitTransaction' }, async () => {
    await released;
    return { ok: 1 };
  });
  return release;
}

function expectServiceUnavailable(outcome: ClaimOutcome): void {
  expect(outcome.data).toBeNull();
  expect(outcome.errors).toHaveLength(1);
  const [error] = outcome.errors!;
  expect(error!.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
  expect(error!.extensions?.['retryAfterSeconds']).toEqual(expect.any(Number));
  expect(error!.extensions?.['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
  // Nothing internal reaches the player: no driver error name, no stack.
  expect(JSON.stringify(outcome.errors)).not.toMatch(/Mongo|stacktrace|WriteConflict/i);
}

const grantInserts = (commands: readonly RecordedCommand[]) =>
  commands.filter((c) => c.name === 'insert' && c.collection === 'reward_claims' && c.autocommit === false);

test('the events grant transaction starts with readConcern snapshot, commits with w:"majority", and carries the time budget', async () => {
  const { event, caller } = await newEventAndPlayer(wire);

  const outcome = await claimAs(wire, caller, event.id);

  expect(outcome.data?.__typename).toBe('RewardClaimed');
  expect(transactionAttempts(outcome.commands)).toHaveLength(1);
  const attempt = committedAttempt(outcome.commands);
  expectSnapshotMajorityTransaction(attempt);
  // The first command of the transaction is the event's version read: it carries the snapshot.
  expect(attempt.commands[0]).toMatchObject({ name: 'find', collection: 'events' });
  for (const command of attempt.commands) {
    expect(command.body['maxTimeMS']).toBeGreaterThan(0);
    expect(command.body['maxTimeMS']).toBeLessThanOrEqual(BUDGET_MS);
  }
});

test('endless WriteConflicts exhaust the budget: SERVICE_UNAVAILABLE with retryAfterSeconds, nothing committed; the same key then grants once', async () => {
  const { event, caller } = await newEventAndPlayer(wire);
  wire.db.wire.script({ command: 'insert', collection: 'reward_claims', inTransaction: true }, writeConflict());

  const failed = await claimAs(wire, caller, event.id, 'launch-1');

  expectServiceUnavailable(failed);
  const attempts = transactionAttempts(failed.commands);
  expect(attempts.length).toBeGreaterThan(1);
  expect(attempts.some((a) => a.committed)).toBe(false);

  // The database is healthy again; the endpoint has no claim for the key, as a real server would not.
  resetWire(wire);
  const retried = await claimAs(wire, caller, event.id, 'launch-1');

  expect(retried.data?.__typename).toBe('RewardClaimed');
  const committed = committedAttempt(retried.commands);
  expectSnapshotMajorityTransaction(committed);
  expect(grantInserts(retried.commands)).toHaveLength(1);
  expect((grantInserts(retried.commands)[0]!.body['documents'] as Document[])[0]).toMatchObject({ idempotencyKey: 'launch-1', status: 'GRANTED' });
  // The retry looked the key up first: that is what makes it safe when the first one did commit.
  expect(retried.commands.find((c) => c.name === 'find' && c.collection === 'reward_claims')?.body['filter']).toEqual({
    userId: new Types.ObjectId(caller.id),
    idempotencyKey: 'launch-1',
  });
});

test('a commit that never answers within the budget is SERVICE_UNAVAILABLE; if it did commit, the retry with the same key answers that grant and writes nothing', async () => {
  const { event, caller } = await newEventAndPlayer(wire);
  const release = hangCommits();

  const failed = await claimAs(wire, caller, event.id, 'launch-2');
  release();

  expectServiceUnavailable(failed);
  expect(failed.commands.filter((c) => c.name === 'commitTransaction').length).toBeGreaterThan(0);
  // The commit may have been applied: a real server would now hold this claim under the key.
  const [maybeCommitted] = grantInserts(failed.commands).flatMap((c) => c.body['documents'] as Document[]);
  expect(maybeCommitted).toMatchObject({ idempotencyKey: 'launch-2', status: 'GRANTED' });

  resetWire(wire);
  wire.db.wire.script(
    (c) => c.name === 'find' && c.collection === 'reward_claims' && (c.body['filter'] as Document)['idempotencyKey'] === 'launch-2',
    (c) => cursorReply(`${c.db}.reward_claims`, [{ ...maybeCommitted!, delivery: 'DELIVERED' }]),
  );
  const retried = await claimAs(wire, caller, event.id, 'launch-2');

  expect(retried.data).toMatchObject({ __typename: 'RewardClaimed', claim: { id: String(maybeCommitted!['_id']), status: 'GRANTED' } });
  expect(transactionAttempts(retried.commands)).toEqual([]);
  expect(retried.commands.filter((c) => ['insert', 'update', 'delete', 'findAndModify'].includes(c.name))).toEqual([]);
});

test('on a limited event, an exhausted budget is SERVICE_UNAVAILABLE and the unit stays reserved for the reconciler (its commit may have happened)', async () => {
  const { event, caller } = await newEventAndPlayer(wire, { claimLimit: 3 });
  const release = hangCommits();

  const failed = await claimAs(wire, caller, event.id, 'launch-3');
  release();

  expectServiceUnavailable(failed);
  const stockUpdates = failed.commands.filter((c) => c.name === 'update' && c.collection === 'events' && c.autocommit === null);
  const reservations = stockUpdates.filter((c) => (c.body['updates'] as Document[])[0]!['u']!.hasOwnProperty('$push'));
  const releases = stockUpdates.filter((c) => (c.body['updates'] as Document[])[0]!['u']!.hasOwnProperty('$pull'));
  expect(reservations).toHaveLength(1);
  // No give-back: the grant may have committed; the reconciler decides once it cannot.
  expect(releases).toEqual([]);
  expect(insertedClaims(wire.db).some((c) => c['idempotencyKey'] === 'launch-3')).toBe(true);
});
