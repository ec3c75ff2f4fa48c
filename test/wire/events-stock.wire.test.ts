import { Types } from 'mongoose';
import {
  committedAttempt,
  duplicateKey,
  transactionAttempts,
  updateReply,
  type Document,
  type RecordedCommand,
} from '../support/mongo-wire';
import { claimAs, eventsWirePerSuite, grantIndex, newEventAndPlayer, type EventsWire } from './events-wire-fixture';

/**
 * The limited-event path at the wire: the unit of stock is taken by one conditional
 * single-document update sent before (and outside) the grant transaction, and ended after
 * it: kept when the grant committed, given back when it was refused.
 */
let wire: EventsWire;
eventsWirePerSuite((opened) => {
  wire = opened;
});

/** The one update statement of an `update` command: its filter and update documents. */
const statement = (command: RecordedCommand) => {
  const [only, ...more] = command.body['updates'] as Document[];
  expect(more).toEqual([]);
  return { q: only!['q'] as Document, u: only!['u'] as Document, multi: only!['multi'] ?? false, upsert: only!['upsert'] ?? false };
};
const eventUpdates = (commands: readonly RecordedCommand[]) => commands.filter((c) => c.name === 'update' && c.collection === 'events');
const isReserve = (c: RecordedCommand) => '$push' in statement(c).u;
const isRelease = (c: RecordedCommand) => '$pull' in statement(c).u;

test('a limited grant: the conditional stock update goes first, outside the transaction; the reservation ends after the commit, keeping the unit', async () => {
  const { event, caller } = await newEventAndPlayer(wire, { claimLimit: 5 });

  const { data, commands } = await claimAs(wire, caller, event.id);

  expect(data?.__typename).toBe('RewardClaimed');
  const claimId = new Types.ObjectId(data!.claim!.id);
  const eventId = new Types.ObjectId(event.id);
  const attempt = committedAttempt(commands);
  const [reserve, ...otherReserves] = eventUpdates(commands).filter(isReserve);
  const [release, ...otherReleases] = eventUpdates(commands).filter(isRelease);
  expect(otherReserves).toEqual([]);
  expect(otherReleases).toEqual([]);

  // Outside any transaction: no txnNumber, no autocommit, not part of any attempt.
  for (const step of [reserve!, release!]) {
    expect(step.autocommit).toBeNull();
    expect(step.startTransaction).toBe(false);
    expect(transactionAttempts(commands).some((a) => a.commands.includes(step))).toBe(false);
  }
  // Order: reserve, then the transaction, then (after its commit) the release.
  const commit = attempt.commands.find((c) => c.name === 'commitTransaction')!;
  expect(commands.indexOf(reserve!)).toBeLessThan(commands.indexOf(attempt.commands[0]!));
  expect(commands.indexOf(release!)).toBeGreaterThan(commands.indexOf(commit));

  // The take: only while the event is at the evaluated version and has stock; the unit and
  // the reservation move together, in one document.
  expect(statement(reserve!)).toEqual({
    q: { _id: eventId, version: 0, claimsRemaining: { $gt: 0 } },
    u: { $inc: { claimsRemaining: -1 }, $push: { reservations: { claimId, at: wire.clock.now() } } },
    multi: false,
    upsert: false,
  });
  // The end of a granted reservation: pulled, the unit stays taken (no $inc).
  expect(statement(release!)).toEqual({
    q: { _id: eventId, 'reservations.claimId': claimId },
    u: { $pull: { reservations: { claimId } } },
    multi: false,
    upsert: false,
  });
});

test('a refused insert (duplicate key on the GRANTED index: already claimed) aborts, then gives the unit back exactly once', async () => {
  const { event, caller } = await newEventAndPlayer(wire, { claimLimit: 5 });
  const index = grantIndex();
  wire.db.wire.once({ command: 'insert', collection: 'reward_claims', inTransaction: true }, duplicateKey('events.reward_claims', index.name, index.key));

  const { data, commands } = await claimAs(wire, caller, event.id);

  expect(data).toMatchObject({ __typename: 'ClaimRejected', reason: 'ALREADY_CLAIMED' });
  const attempts = transactionAttempts(commands);
  expect(attempts).toHaveLength(1);
  expect(attempts[0]).toMatchObject({ committed: false, aborted: true });
  const refusedClaim = (attempts[0]!.commands.find((c) => c.name === 'insert')!.body['documents'] as Document[])[0]!;
  const claimId = refusedClaim['_id'];

  const [reserve] = eventUpdates(commands).filter(isReserve);
  const releases = eventUpdates(commands).filter(isRelease);
  expect(releases).toHaveLength(1);
  const abort = attempts[0]!.commands.find((c) => c.name === 'abortTransaction')!;
  expect(commands.indexOf(reserve!)).toBeLessThan(commands.indexOf(attempts[0]!.commands[0]!));
  expect(commands.indexOf(releases[0]!)).toBeGreaterThan(commands.indexOf(abort));
  expect(releases[0]!.autocommit).toBeNull();
  // The give-back: conditional on this claim's reservation still being there (so it happens
  // once, whoever ends it: this request or the reconciler), +1 with the pull.
  expect(statement(releases[0]!)).toEqual({
    q: { _id: new Types.ObjectId(event.id), 'reservations.claimId': claimId },
    u: { $pull: { reservations: { claimId } }, $inc: { claimsRemaining: 1 } },
    multi: false,
    upsert: false,
  });
});

test('sold out: the conditional take matches nothing, one read says why, and no transaction starts', async () => {
  const { event, caller } = await newEventAndPlayer(wire, { claimLimit: 1 });
  wire.db.wire.script((c) => c.name === 'update' && c.collection === 'events' && '$push' in statement(c as RecordedCommand).u, updateReply(0));

  const { data, commands } = await claimAs(wire, caller, event.id);

  expect(data).toMatchObject({ __typename: 'ClaimRejected', reason: 'SOLD_OUT' });
  expect(transactionAttempts(commands)).toEqual([]);
  const [reserve] = eventUpdates(commands).filter(isReserve);
  const why = commands.slice(commands.indexOf(reserve!)).filter((c) => c.name === 'find' && c.collection === 'events');
  expect(why).toHaveLength(1);
  expect(why[0]!.body['filter']).toEqual({ _id: new Types.ObjectId(event.id) });
  expect(eventUpdates(commands).filter(isRelease)).toEqual([]);
  expect(commands.filter((c) => c.name === 'insert' && c.collection === 'deliveries')).toEqual([]);
  // The rejection is recorded (auditors see it), outside any transaction.
  const recorded = commands.filter((c) => c.name === 'insert' && c.collection === 'reward_claims');
  expect(recorded).toHaveLength(1);
  expect(recorded[0]!.autocommit).toBeNull();
  expect((recorded[0]!.body['documents'] as Document[])[0]).toMatchObject({ status: 'REJECTED', rejectionReason: 'SOLD_OUT' });
});
