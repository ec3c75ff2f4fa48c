import { cursorReply, type Document, type RecordedCommand } from '../support/mongo-wire';
import { claimAs, eventsWirePerSuite, insertedEvents, newEventAndPlayer, type EventsWire } from './events-wire-fixture';

/**
 * Every database round trip of one successful claim, as the driver sends them: the figures
 * the README's "Round trips and documents written per grant" table gives. Each entry is
 * "<command> <collection>", with " (txn)" inside the grant transaction. The transaction needs
 * no round trip of its own to start: its first command carries startTransaction.
 */
const READS_BEFORE = ['find events', 'find reward_claims'];
const GRANT_TRANSACTION = ['find events (txn)', 'insert reward_claims (txn)', 'insert deliveries (txn)', 'commitTransaction (txn)'];
const DELIVERED_MARKS = ['update reward_claims', 'update deliveries'];
const KEY_LOOKUP = ['find reward_claims'];
const FREEZE = ['update events'];
const TAKE_UNIT = ['update events'];
const END_RESERVATION = ['update events'];

const EXPECTED_ROUND_TRIPS = {
  'unlimited, event already frozen': [...READS_BEFORE, ...GRANT_TRANSACTION, ...DELIVERED_MARKS],
  'unlimited, first grant of the event': [...READS_BEFORE, ...FREEZE, ...GRANT_TRANSACTION, ...DELIVERED_MARKS],
  'unlimited, with an idempotency key': [...KEY_LOOKUP, ...READS_BEFORE, ...GRANT_TRANSACTION, ...DELIVERED_MARKS],
  'limited, event already frozen': [...READS_BEFORE, ...TAKE_UNIT, ...GRANT_TRANSACTION, ...END_RESERVATION, ...DELIVERED_MARKS],
  'limited, first grant of the event': [...READS_BEFORE, ...FREEZE, ...TAKE_UNIT, ...GRANT_TRANSACTION, ...END_RESERVATION, ...DELIVERED_MARKS],
};

const CASES: [keyof typeof EXPECTED_ROUND_TRIPS, { claimLimit?: number }, { frozen: boolean; key: string | null }][] = [
  ['unlimited, event already frozen', {}, { frozen: true, key: null }],
  ['unlimited, first grant of the event', {}, { frozen: false, key: null }],
  ['unlimited, with an idempotency key', {}, { frozen: true, key: 'rt-1' }],
  ['limited, event already frozen', { claimLimit: 5 }, { frozen: true, key: null }],
  ['limited, first grant of the event', { claimLimit: 5 }, { frozen: false, key: null }],
];

let wire: EventsWire;
eventsWirePerSuite((opened) => {
  wire = opened;
});

const roundTrip = (c: RecordedCommand) => `${c.name} ${c.collection ?? ''}`.trimEnd() + (c.autocommit === false ? ' (txn)' : '');

test.each(CASES)('%s: the round trips the README states', async (label, input, { frozen, key }) => {
  const { event, caller } = await newEventAndPlayer(wire, input);
  // An event that an earlier grant froze: the events endpoint answers it frozen.
  wire.db.wire.script({ command: 'find', collection: 'events' }, (c) =>
    cursorReply(`${c.db}.events`, insertedEvents(wire).filter((d) => String(d['_id']) === event.id).map((d: Document) => ({ ...d, frozen }))),
  );

  const { data, commands } = await claimAs(wire, caller, event.id, key);

  expect(data?.__typename).toBe('RewardClaimed');
  expect(commands.map(roundTrip)).toEqual(EXPECTED_ROUND_TRIPS[label]);
});
