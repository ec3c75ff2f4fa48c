import { Types } from 'mongoose';
import { ensureEventsIndexes, migrateLegacyClaims } from '../../subgraphs/events/src/store/mongo';
import { cursorReply, duplicateKey, writesOf, committedAttempt, type Document, type RecordedCommand, type WireDatabase } from '../support/mongo-wire';
import { claimOn as claimOnWire, eventsWirePerSuite, type EventsWire } from './events-wire-fixture';

/**
 * Periodic claims through the real schema, services, MongoDB stores and driver, against a
 * wire endpoint: the period key in the grant's lookup and insert (what the unique index is
 * on), and the per game period stock as one upsert outside the transaction.
 */
/** The game time zone of the test config (UTC): the clock's date and ISO week. */
const TODAY = '2030-01-01';
const THIS_WEEK = '2030-W01';
let wire: EventsWire;
let db: WireDatabase;

const CLAIM = `mutation($eventId: ID!) { claimReward(eventId: $eventId) {
  __typename
  ... on RewardClaimed { claim { id status period } }
  ... on ClaimRejected { reason }
} }`;

eventsWirePerSuite((opened) => {
  wire = opened;
  db = opened.db;
});

type Claimed = { __typename: string; claim?: { id: string; period: string | null }; reason?: string };

const claimOn = (input: Record<string, unknown>) => claimOnWire<Claimed>(wire, input, CLAIM);

const periodStockUpdates = (commands: RecordedCommand[]) =>
  commands.filter((c) => c.name === 'update' && c.collection === 'event_period_stock').flatMap((c) => c.body['updates'] as Document[]);

test("a DAILY grant looks up and inserts the player's period key, flagged as holding the grant", async () => {
  const { claim, commands, caller, event } = await claimOn({ claimPeriod: 'DAILY' });

  expect(claim).toMatchObject({ __typename: 'RewardClaimed', claim: { period: TODAY } });
  const lookups = commands.filter((c) => c.name === 'find' && c.collection === 'reward_claims' && c.autocommit !== false).map((c) => c.body['filter']);
  expect(lookups).toContainEqual({ userId: new Types.ObjectId(caller.id), eventId: new Types.ObjectId(event.id), period: TODAY, holdsGrant: true });
  const attempt = committedAttempt(commands);
  const [claimDoc] = writesOf(attempt).filter((c) => c.name === 'insert' && c.collection === 'reward_claims').flatMap((c) => c.body['documents'] as Document[]);
  expect(claimDoc).toMatchObject({ status: 'GRANTED', userId: new Types.ObjectId(caller.id), eventId: new Types.ObjectId(event.id), period: TODAY, holdsGrant: true });
  // Unlimited: no stock document is touched.
  expect(periodStockUpdates(commands)).toEqual([]);
});

test('a WEEKLY grant records the ISO week', async () => {
  const { claim, commands } = await claimOn({ claimPeriod: 'WEEKLY' });

  expect(claim).toMatchObject({ __typename: 'RewardClaimed', claim: { period: THIS_WEEK } });
  const [claimDoc] = writesOf(committedAttempt(commands)).filter((c) => c.name === 'insert' && c.collection === 'reward_claims').flatMap((c) => c.body['documents'] as Document[]);
  expect(claimDoc).toMatchObject({ period: THIS_WEEK, holdsGrant: true });
});

test("a limited DAILY grant takes a unit of the game day's stock with one conditional upsert outside the transaction, then ends its reservation", async () => {
  const { claim, commands, event } = await claimOn({ claimPeriod: 'DAILY', claimLimit: 2 });

  expect(claim.__typename).toBe('RewardClaimed');
  const [reserve, release] = periodStockUpdates(commands);
  expect(reserve).toMatchObject({
    q: { _id: `${event.id}:${TODAY}`, taken: { $lt: 2 } },
    u: { $setOnInsert: { eventId: new Types.ObjectId(event.id), period: TODAY }, $inc: { taken: 1 } },
    upsert: true,
  });
  expect(release).toMatchObject({ q: { _id: `${event.id}:${TODAY}` }, u: { $pull: { reservations: { claimId: new Types.ObjectId(claim.claim!.id) } } } });
  expect((release!['u'] as Document)['$inc']).toBeUndefined();
  // Neither is part of the grant's transaction; the event's own stock is not touched.
  const stockCommands = commands.filter((c) => c.name === 'update' && c.collection === 'event_period_stock');
  expect(stockCommands).toHaveLength(2);
  expect(stockCommands.every((c) => c.autocommit !== false)).toBe(true);
  expect(commands.filter((c) => c.name === 'update' && c.collection === 'events')).toEqual([expect.objectContaining({ collection: 'events' })]); // the freeze only
});

test('a duplicate _id on the upsert is a lost creation race: one more try, and a second one means the day is SOLD_OUT', async () => {
  const race = () => duplicateKey('events.event_period_stock', '_id_', { _id: 1 });
  // Lost the race once: the second try finds the document and reserves.
  db.wire.once({ command: 'update', collection: 'event_period_stock' }, race);
  const won = await claimOn({ claimPeriod: 'DAILY', claimLimit: 1 });
  expect(won.claim.__typename).toBe('RewardClaimed');
  expect(periodStockUpdates(won.commands).filter((u) => u['upsert'] === true)).toHaveLength(2);

  // Full: the filter does not match, the insert collides on _id, twice.
  db.wire.script({ command: 'update', collection: 'event_period_stock' }, race, 2);
  const full = await claimOn({ claimPeriod: 'DAILY', claimLimit: 1 });
  expect(full.claim).toMatchObject({ __typename: 'ClaimRejected', reason: 'SOLD_OUT' });
  expect(full.commands.filter((c) => c.name === 'insert' && c.collection === 'reward_claims' && c.autocommit === false)).toEqual([]);
});

test('start-up migration: claims from before periods hold the "ONCE" period before the new unique index is built; the legacy claim indexes go after it', async () => {
  db.wire.script({ command: 'listIndexes', collection: 'reward_claims' }, (command) =>
    cursorReply(`${command.db}.reward_claims`, [
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { eventId: 1, userId: 1 }, name: 'one_grant_per_event_and_user', unique: true, partialFilterExpression: { status: 'GRANTED' } },
      { v: 2, key: { eventId: 1 }, name: 'granted_by_event', partialFilterExpression: { status: 'GRANTED' } },
    ]),
  );
  await ensureEventsIndexes(db.connection);

  const commands = db.wire.commands;
  const claimUpdates = commands.filter((c) => c.name === 'update' && c.collection === 'reward_claims');
  expect(claimUpdates.flatMap((c) => c.body['updates'] as Document[])).toEqual([
    expect.objectContaining({ q: { status: { $in: ['GRANTED', 'REVOKED'] }, holdsGrant: { $exists: false } }, u: { $set: { holdsGrant: true } }, multi: true }),
    expect.objectContaining({ q: { holdsGrant: true, period: { $exists: false } }, u: { $set: { period: 'ONCE' } }, multi: true }),
  ]);
  const order = (c: RecordedCommand) => commands.indexOf(c);
  const uniqueIndexBuild = commands.find((c) => c.name === 'createIndexes' && c.collection === 'reward_claims')!;
  expect(order(claimUpdates[1]!)).toBeLessThan(order(uniqueIndexBuild));
  const drops = commands.filter((c) => c.name === 'dropIndexes');
  expect(drops.map((c) => c.body['index'])).toEqual(['one_grant_per_event_and_user', 'granted_by_event']);
  expect(order(drops[0]!)).toBeGreaterThan(order(uniqueIndexBuild));

  // Once done, nothing is dropped again.
  db.wire.resetScripts();
  db.wire.clearRecord();
  await migrateLegacyClaims(db.connection);
  expect(db.wire.commands.filter((c) => c.name === 'dropIndexes')).toEqual([]);
});

