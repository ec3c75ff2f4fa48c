import { Types } from 'mongoose';
import {
  commitWriteConcernTimeout,
  committedAttempt,
  duplicateKey,
  transactionAttempts,
  writeConflict,
  writesOf,
  type Document,
  type WireDatabase,
} from '../support/mongo-wire';
import { claimOn as claimOnWire, eventsWirePerSuite, grantIndex, type EventsWire } from './events-wire-fixture';
import { EXPECTED_GRANT_WRITES, sharedCollectionsWritten, summarise, writesOutsideBeforeCommit } from './claim-grant-writes';

/**
 * A claim through the events subgraph's real schema, services, MongoDB stores and driver,
 * against a wire endpoint. The endpoint keeps no data: events read back what createEvent
 * inserted, claims read back nothing (no earlier claim), so the tests follow the documents
 * whatever their shape. Which documents a grant writes lives in claim-grant-writes.ts.
 */
let wire: EventsWire;
let db: WireDatabase;

const CLAIM = `mutation($eventId: ID!) { claimReward(eventId: $eventId) {
  __typename
  ... on RewardClaimed { claim { id status } }
  ... on ClaimRejected { reason }
} }`;

eventsWirePerSuite((opened) => {
  wire = opened;
  db = opened.db;
});

const claimOn = (input: Record<string, unknown>) => claimOnWire<{ __typename: string; claim?: { id: string }; reason?: string }>(wire, input, CLAIM);

test('an unlimited grant: every write of its transaction shares one session and txnNumber, and it writes what EXPECTED_GRANT_WRITES says', async () => {
  const { claim, commands, caller, event } = await claimOn({});

  expect(claim.__typename).toBe('RewardClaimed');
  const attempt = committedAttempt(commands);
  expect(transactionAttempts(commands)).toHaveLength(1);
  // The grouping is by (lsid, txnNumber): every write sent inside any transaction is in this one.
  expect(commands.filter((c) => c.autocommit === false && c.name !== 'commitTransaction').every((c) => attempt.commands.includes(c))).toBe(true);
  expect(attempt.commands[0]!.startTransaction).toBe(true);
  expect(summarise(attempt.commands)).toEqual(EXPECTED_GRANT_WRITES.unlimited.inTransaction);
  expect(writesOutsideBeforeCommit(commands, attempt)).toEqual(EXPECTED_GRANT_WRITES.unlimited.outsideBeforeCommit);
  expect(sharedCollectionsWritten(attempt, claim.claim!.id)).toEqual(EXPECTED_GRANT_WRITES.unlimited.sharedCollectionsWritten);

  const [claimDoc] = writesOf(attempt).filter((c) => c.name === 'insert' && c.collection === 'reward_claims').flatMap((c) => c.body['documents'] as Document[]);
  expect(claimDoc).toMatchObject({ status: 'GRANTED', eventId: new Types.ObjectId(event.id), userId: new Types.ObjectId(caller.id), period: 'ONCE', holdsGrant: true });
  expect(String(claimDoc!['_id'])).toBe(claim.claim!.id);
  const [outbox] = writesOf(attempt).filter((c) => c.name === 'insert' && c.collection === 'deliveries').flatMap((c) => c.body['documents'] as Document[]);
  expect(String(outbox!['_id'])).toBe(claim.claim!.id);
});

test('a limited grant writes what EXPECTED_GRANT_WRITES says, inside and outside its transaction', async () => {
  const { claim, commands } = await claimOn({ claimLimit: 5 });

  expect(claim.__typename).toBe('RewardClaimed');
  const attempt = committedAttempt(commands);
  expect(summarise(attempt.commands)).toEqual(EXPECTED_GRANT_WRITES.limited.inTransaction);
  expect(writesOutsideBeforeCommit(commands, attempt)).toEqual(EXPECTED_GRANT_WRITES.limited.outsideBeforeCommit);
});

test('reads before the grant ask for a claim holding the grant (GRANTED or REVOKED) of this player and event (the partial unique index can answer)', async () => {
  const { commands, caller, event } = await claimOn({});

  const grantedLookups = commands.filter((c) => c.name === 'find' && c.collection === 'reward_claims' && c.autocommit !== false);
  expect(grantedLookups.map((c) => c.body['filter'])).toContainEqual({
    eventId: new Types.ObjectId(event.id),
    userId: new Types.ObjectId(caller.id),
    period: 'ONCE',
    holdsGrant: true,
  });
});

test('a duplicate key from the unique GRANTED index is ALREADY_CLAIMED, not a crash, and nothing commits', async () => {
  const index = grantIndex();
  db.wire.once({ command: 'insert', collection: 'reward_claims', inTransaction: true }, duplicateKey('events.reward_claims', index.name, index.key));

  const { claim, commands } = await claimOn({});

  expect(claim).toMatchObject({ __typename: 'ClaimRejected', reason: 'ALREADY_CLAIMED' });
  const attempts = transactionAttempts(commands);
  expect(attempts.some((a) => a.committed)).toBe(false);
  expect(attempts.every((a) => a.aborted)).toBe(true);
});

test('a WriteConflict (TransientTransactionError) runs the grant again on the same session and still grants once', async () => {
  db.wire.once({ command: 'insert', collection: 'reward_claims', inTransaction: true }, writeConflict());

  const { claim, commands } = await claimOn({});

  expect(claim.__typename).toBe('RewardClaimed');
  const attempts = transactionAttempts(commands);
  expect(attempts).toHaveLength(2);
  expect(attempts[0]!.aborted).toBe(true);
  expect(new Set(attempts.map((a) => a.lsid)).size).toBe(1);
  const committed = committedAttempt(commands);
  const claimIds = writesOf(committed).filter((c) => c.name === 'insert' && c.collection === 'reward_claims').flatMap((c) => (c.body['documents'] as Document[]).map((d) => String(d['_id'])));
  expect(claimIds).toEqual([claim.claim!.id]);
});

test('UnknownTransactionCommitResult on commit retries the commit of the same transaction', async () => {
  db.wire.once({ command: 'commitTransaction' }, commitWriteConcernTimeout());

  const { claim, commands } = await claimOn({});

  expect(claim.__typename).toBe('RewardClaimed');
  const commits = commands.filter((c) => c.name === 'commitTransaction');
  expect(commits).toHaveLength(2);
  expect(new Set(commits.map((c) => `${c.lsid}:${c.txnNumber}`)).size).toBe(1);
  expect(commits[1]!.writeConcern).toMatchObject({ w: 'majority' });
  expect(transactionAttempts(commands)).toHaveLength(1);
});
