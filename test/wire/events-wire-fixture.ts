import { ManualClock } from '@platform/shared';
import { createMongoEventsStores, ensureEventsIndexes } from '../../subgraphs/events/src/store/mongo';
import { claimSchema } from '../../subgraphs/events/src/store/mongo/models';
import { EventsHarness } from '../support/events-harness';
import { cursorReply, openWireDatabase, type Document, type RecordedCommand, type WireDatabase } from '../support/mongo-wire';
import { operator, player, type TestCaller } from '../support/tokens';

/**
 * The events subgraph's real schema, services, MongoDB stores and driver against a wire
 * endpoint, for the wire suites of events. The endpoint keeps no data: finds on events
 * answer with what createEvent inserted (echoInsertedEvents), everything else as scripted.
 */
export interface EventsWire {
  db: WireDatabase;
  harness: EventsHarness;
  clock: ManualClock;
  /** Event documents inserted before the record was last cleared. */
  earlierEvents: Document[];
  close(): Promise<void>;
}

export async function openEventsWire(options: { transactionTimeoutMs?: number } = {}): Promise<EventsWire> {
  const clock = new ManualClock(new Date('2030-01-01T12:00:00Z'));
  const db = await openWireDatabase('events');
  await ensureEventsIndexes(db.connection);
  const harness = await EventsHarness.create({ stores: createMongoEventsStores(db.connection, options), clock });
  return {
    db,
    harness,
    clock,
    earlierEvents: [],
    close: async () => {
      await harness.stop();
      await db.close();
    },
  };
}

const sameId = (a: unknown, b: unknown) => String(a) === String(b);

/** Event documents inserted since the record was last cleared, as the driver sent them. */
const recordedEvents = (db: WireDatabase): Document[] => db.wire.sent('insert', 'events').flatMap((c) => c.body['documents'] as Document[]);

/** Every event document createEvent inserted, as the driver sent it. */
export const insertedEvents = (wire: EventsWire): Document[] => [...wire.earlierEvents, ...recordedEvents(wire.db)];

/** Every claim document inserted so far (in transactions or not). */
export const insertedClaims = (db: WireDatabase): Document[] => db.wire.sent('insert', 'reward_claims').flatMap((c) => c.body['documents'] as Document[]);

/** A find on events answers with the inserted event documents the filter's _id names. */
export function echoInsertedEvents(wire: EventsWire) {
  return (command: Omit<RecordedCommand, 'reply'>): Document => {
    const wanted = (command.body['filter'] as Document | undefined)?.['_id'];
    const inserted = insertedEvents(wire);
    return cursorReply(`${command.db}.events`, wanted === undefined ? inserted : inserted.filter((doc) => sameId(doc['_id'], wanted)));
  };
}

/** Forgets scripts and records (events inserted stay readable); finds on events echo what was inserted. */
export function resetWire(wire: EventsWire): void {
  wire.earlierEvents.push(...recordedEvents(wire.db));
  wire.db.wire.resetScripts();
  wire.db.wire.script({ command: 'find', collection: 'events' }, echoInsertedEvents(wire));
  wire.db.wire.clearRecord();
}

export const CLAIM = `mutation($eventId: ID!, $key: String) { claimReward(eventId: $eventId, idempotencyKey: $key) {
  __typename
  ... on RewardClaimed { claim { id status delivery } }
  ... on ClaimRejected { reason }
} }`;

export interface ClaimOutcome {
  data: { __typename: string; claim?: { id: string; status: string; delivery: string }; reason?: string } | null;
  errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined;
  /** The commands this claim sent, in order. */
  commands: RecordedCommand[];
}

export async function claimAs(wire: EventsWire, caller: TestCaller, eventId: string, key: string | null = null): Promise<ClaimOutcome> {
  const from = wire.db.wire.commands.length;
  const result = await wire.harness.run<{ claimReward: ClaimOutcome['data'] }>(CLAIM, { eventId, key }, caller.token);
  return { data: result.data?.claimReward ?? null, errors: result.errors as ClaimOutcome['errors'], commands: wire.db.wire.commands.slice(from) };
}

/** A new player (known to the fake users) and a new event; `input` overrides createEvent's. */
export async function newEventAndPlayer(wire: EventsWire, input: Record<string, unknown> = {}) {
  const event = await wire.harness.createEvent(operator().token, input);
  const caller = player();
  wire.harness.players.set(caller.id);
  return { event, caller };
}

/**
 * A new event (`input` overrides createEvent's) claimed once by a new player with `query`
 * (which takes `$eventId`); the claim must answer without errors.
 */
export async function claimOn<T>(wire: EventsWire, input: Record<string, unknown>, query: string) {
  const { event, caller } = await newEventAndPlayer(wire, input);
  const from = wire.db.wire.commands.length;
  const result = await wire.harness.run<{ claimReward: T }>(query, { eventId: event.id }, caller.token);
  expect(result.errors).toBeUndefined();
  return { event, caller, claim: result.data!.claimReward, commands: wire.db.wire.commands.slice(from) };
}

/** The declared partial unique index that makes a grant exactly-once, as the model has it. */
export function grantIndex(): { name: string; key: Document } {
  const found = claimSchema.indexes().find(([, options]) => (options as Document)['unique'] && Object.hasOwn((options as Document)['partialFilterExpression'] ?? {}, 'holdsGrant'));
  if (!found) throw new Error('no partial unique GRANTED index on claims');
  return { name: String((found[1] as Document)['name']), key: found[0] as Document };
}

/** The prologue of an events wire suite: one wire for the suite (handed to `use`), reset before each test. */
export function eventsWirePerSuite(use: (wire: EventsWire) => void, options: Parameters<typeof openEventsWire>[0] = {}): void {
  let wire: EventsWire;
  beforeAll(async () => {
    wire = await openEventsWire(options);
    use(wire);
  });
  afterAll(() => wire.close());
  beforeEach(() => resetWire(wire));
}
