import { Types } from 'mongoose';
import { createLogger } from '@platform/shared';
import { DeliveryService } from '../../subgraphs/events/src/services/delivery-service';
import {
  cursorReply,
  findAndModifyReply,
  isWrite,
  transactionAttempts,
  updateReply,
  type Document,
  type RecordedCommand,
} from '../support/mongo-wire';
import { errorCode } from '../support/graphql-result';
import { admin } from '../support/tokens';
import { claimAs, eventsWirePerSuite, insertedEvents, newEventAndPlayer, resetWire, type EventsWire } from './events-wire-fixture';

/**
 * What the events instances do in the background, at the wire: the stock reconciler's
 * reads and conditional write-backs, the delivery dispatcher's lease, and an ADMIN's
 * retryDelivery. Each write is conditional, so instances doing the same at once do it once.
 */
let wire: EventsWire;
const MINUTE = 60_000;

eventsWirePerSuite((opened) => {
  wire = opened;
});

const filterOf = (c: RecordedCommand) => (c.body['filter'] ?? {}) as Document;
const statement = (c: RecordedCommand) => {
  const [only, ...more] = c.body['updates'] as Document[];
  expect(more).toEqual([]);
  return { q: only!['q'] as Document, u: only!['u'] as Document };
};
const writes = (commands: readonly RecordedCommand[]) => commands.filter(isWrite);

/** A granted claim on a new event, and the claim and delivery documents its grant inserted. */
async function grantedClaim(input: Record<string, unknown> = {}) {
  const { event, caller } = await newEventAndPlayer(wire, input);
  const { data, commands } = await claimAs(wire, caller, event.id);
  expect(data?.__typename).toBe('RewardClaimed');
  const inserted = (collection: string) => commands.find((c) => c.name === 'insert' && c.collection === collection && c.autocommit === false)!.body['documents'] as Document[];
  const eventDoc = insertedEvents(wire).find((d) => String(d['_id']) === event.id)!;
  return { event, caller, eventDoc, claimDoc: inserted('reward_claims')[0]!, deliveryDoc: inserted('deliveries')[0]! };
}

describe('StockReconciler', () => {
  async function reservationsScenario() {
    const { eventDoc, claimDoc } = await grantedClaim({ claimLimit: 10 });
    const lostClaimId = new Types.ObjectId();
    const now = wire.clock.now();
    const old = new Date(now.getTime() - 10 * MINUTE);
    const settlesAt = new Date(now.getTime() - MINUTE);
    resetWire(wire);
    const s = wire.db.wire;
    s.script((c) => c.name === 'find' && c.collection === 'events' && 'reservations.at' in filterOf(c as RecordedCommand), (c) =>
      cursorReply(`${c.db}.events`, [{ _id: eventDoc['_id'], reservations: [{ claimId: claimDoc['_id'], at: old }, { claimId: lostClaimId, at: old }] }]),
    );
    s.script((c) => c.name === 'find' && c.collection === 'events' && 'stockSettlesAt' in filterOf(c as RecordedCommand), (c) =>
      cursorReply(`${c.db}.events`, [{ ...eventDoc, claimLimit: 10, claimsRemaining: 0, stockSettlesAt: settlesAt }]),
    );
    s.script((c) => c.name === 'find' && c.collection === 'reward_claims' && String(filterOf(c as RecordedCommand)['_id']) === String(claimDoc['_id']), (c) =>
      cursorReply(`${c.db}.reward_claims`, [claimDoc]),
    );
    s.script({ command: 'aggregate', collection: 'reward_claims' }, (c) => cursorReply(`${c.db}.reward_claims`, [{ _id: 1, n: 3 }]));
    return { eventId: eventDoc['_id'] as Types.ObjectId, grantedClaimId: claimDoc['_id'] as Types.ObjectId, lostClaimId, now, settlesAt };
  }

  test('reads old reservations and held stock, then writes back with conditional single-document updates only', async () => {
    const { eventId, grantedClaimId, lostClaimId, now, settlesAt } = await reservationsScenario();

    const report = await wire.harness.app.reconciler.runOnce();

    expect(report).toEqual({ restored: 1, confirmed: 1, settled: 1 });
    const commands = wire.db.wire.commands;
    expect(transactionAttempts(commands)).toEqual([]);
    const graceMs = wire.harness.app.reconciler.options.graceMs;
    // Reads: reservations older than the grace period, each one's claim, held stock due, a granted count.
    const [reservations, held] = commands.filter((c) => c.name === 'find' && c.collection === 'events');
    expect(filterOf(reservations!)).toEqual({ 'reservations.at': { $lt: new Date(now.getTime() - graceMs) } });
    expect(reservations!.body['projection']).toEqual({ reservations: 1 });
    expect(filterOf(held!)).toEqual({ stockSettlesAt: { $lte: now } });
    expect(commands.filter((c) => c.name === 'find' && c.collection === 'reward_claims').map((c) => filterOf(c))).toEqual([{ _id: grantedClaimId }, { _id: lostClaimId }]);
    const [count] = commands.filter((c) => c.name === 'aggregate');
    expect((count!.body['pipeline'] as Document[])[0]).toEqual({ $match: { eventId, holdsGrant: true } });

    // Writes: only the event document, each conditional on the state that was read.
    expect(writes(commands).map((c) => `${c.name} ${c.collection}`)).toEqual(['update events', 'update events', 'update events']);
    const [keep, giveBack, settle] = writes(commands).map(statement);
    expect(keep).toEqual({ q: { _id: eventId, 'reservations.claimId': grantedClaimId }, u: { $pull: { reservations: { claimId: grantedClaimId } } } });
    expect(giveBack).toEqual({ q: { _id: eventId, 'reservations.claimId': lostClaimId }, u: { $pull: { reservations: { claimId: lostClaimId } }, $inc: { claimsRemaining: 1 } } });
    // remaining = limit − granted, only if no one settled (or re-held) it meanwhile.
    expect(settle).toEqual({ q: { _id: eventId, stockSettlesAt: settlesAt }, u: { $set: { claimsRemaining: 7, stockSettlesAt: null } } });
  });

  test('when another instance got there first (its conditional writes match nothing), nothing is counted twice', async () => {
    await reservationsScenario();
    wire.db.wire.script({ command: 'update', collection: 'events' }, updateReply(0));

    const report = await wire.harness.app.reconciler.runOnce();

    expect(report).toEqual({ restored: 0, confirmed: 0, settled: 0 });
    expect(writes(wire.db.wire.commands)).toHaveLength(3);
  });
});

describe('delivery lease', () => {
  /**
   * The endpoint applies the dispatcher's findAndModify to one stored delivery the way the
   * server does (atomically, one command at a time), so two dispatchers race for real.
   */
  function serveOneDelivery(deliveryDoc: Document) {
    const stored = { ...deliveryDoc, pending: true, nextAttemptAt: wire.clock.now() };
    wire.db.wire.script({ command: 'findAndModify', collection: 'deliveries' }, (c) => {
      const query = c.body['query'] as { pending: boolean; nextAttemptAt: { $lte: Date } };
      const set = (c.body['update'] as { $set: { nextAttemptAt: Date } }).$set;
      if (!(stored.pending === query.pending && stored.nextAttemptAt <= query.nextAttemptAt.$lte)) return findAndModifyReply(null);
      stored.nextAttemptAt = set.nextAttemptAt;
      return findAndModifyReply({ ...stored });
    });
  }

  test('one conditional findAndModify per delivery: due and pending, moved past now; two dispatchers at once deliver it once', async () => {
    const { deliveryDoc, claimDoc } = await grantedClaim();
    resetWire(wire);
    serveOneDelivery(deliveryDoc);
    const other = new DeliveryService(wire.harness.app.stores.claims, wire.harness.players, wire.clock, createLogger('events-2'), wire.harness.app.delivery.options);
    const grantsBefore = wire.harness.players.grantCalls;

    const delivered = await Promise.all([wire.harness.app.delivery.runDue(10), other.runDue(10)]);

    expect(delivered.reduce((a, b) => a + b, 0)).toBe(1);
    expect(wire.harness.players.grantCalls - grantsBefore).toBe(1);
    const now = wire.clock.now();
    const leases = wire.db.wire.sent('findAndModify', 'deliveries');
    // Each dispatcher: one lease taken or refused, then one that finds nothing due.
    expect(leases.length).toBeGreaterThanOrEqual(2);
    for (const lease of leases) {
      expect(lease.autocommit).toBeNull();
      expect(lease.body['query']).toEqual({ pending: true, nextAttemptAt: { $lte: now } });
      expect(lease.body['sort']).toEqual({ nextAttemptAt: 1 });
      expect(lease.body['new']).toBe(true);
      const leaseUntil = (lease.body['update'] as { $set: { nextAttemptAt: Date } }).$set.nextAttemptAt;
      expect(lease.body['update']).toEqual({ $set: { nextAttemptAt: leaseUntil } });
      // The lease moves the delivery out of its own filter: no other dispatcher matches it until it expires.
      expect(leaseUntil.getTime()).toBe(now.getTime() + wire.harness.app.delivery.options.leaseMs);
    }
    expect(leases.filter((l) => (l.reply['value'] as Document | null) !== null)).toHaveLength(1);
    // The delivered marks: the claim, then the outbox entry.
    const marks = writes(wire.db.wire.commands).filter((c) => c.name === 'update');
    expect(marks.map((c) => `${c.collection}`)).toEqual(['reward_claims', 'deliveries']);
    expect(statement(marks[0]!).q).toEqual({ _id: claimDoc['_id'] });
    expect(statement(marks[1]!)).toEqual({ q: { _id: claimDoc['_id'] }, u: { $set: { pending: false, deliveredAt: now } } });
  });
});

describe('retryDelivery', () => {
  const RETRY = `mutation($id: ID!) { retryDelivery(claimId: $id) { id delivery } }`;

  async function failedClaim() {
    const { claimDoc } = await grantedClaim();
    resetWire(wire);
    const failed = { ...claimDoc, delivery: 'FAILED', deliveryError: 'balance ceiling' };
    wire.db.wire.script(
      (c) => c.name === 'find' && c.collection === 'reward_claims' && String(filterOf(c as RecordedCommand)['_id']) === String(claimDoc['_id']),
      (c) => {
        const delivered = wire.db.wire.sent('update', 'reward_claims').some((u) => (statement(u).u['$set'] as Document | undefined)?.['delivery'] === 'DELIVERED');
        return cursorReply(`${c.db}.reward_claims`, [delivered ? { ...failed, delivery: 'DELIVERED', deliveryError: null } : failed]);
      },
    );
    return { claimId: claimDoc['_id'] as Types.ObjectId };
  }

  test('requeues with one update conditional on FAILED (failed, not delivered), then delivers once', async () => {
    const { claimId } = await failedClaim();
    const grantsBefore = wire.harness.players.grantCalls;

    const result = await wire.harness.run(RETRY, { id: claimId.toHexString() }, admin().token);

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ retryDelivery: { id: claimId.toHexString(), delivery: 'DELIVERED' } });
    expect(wire.harness.players.grantCalls - grantsBefore).toBe(1);
    const now = wire.clock.now();
    const [requeue, ...rest] = writes(wire.db.wire.commands);
    expect(requeue).toMatchObject({ name: 'update', collection: 'deliveries', autocommit: null });
    expect(statement(requeue!)).toEqual({
      q: { _id: claimId, failedAt: { $type: 'date' }, deliveredAt: null },
      u: { $set: { pending: true, failedAt: null, attempts: 0, nextAttemptAt: new Date(now.getTime() + wire.harness.app.delivery.options.handOffDelayMs) } },
    });
    expect(rest.map((c) => `${c.collection} ${JSON.stringify(statement(c).u)}`)).toEqual([
      `reward_claims ${JSON.stringify({ $set: { delivery: 'PENDING' } })}`,
      `reward_claims ${JSON.stringify({ $set: { delivery: 'DELIVERED', deliveryError: null } })}`,
      `deliveries ${JSON.stringify({ $set: { pending: false, deliveredAt: now } })}`,
    ]);
  });

  test('a delivery that is not FAILED (the conditional requeue matches nothing) is CONFLICT: nothing else written, nothing credited', async () => {
    const { claimId } = await failedClaim();
    wire.db.wire.script({ command: 'update', collection: 'deliveries' }, updateReply(0));
    const grantsBefore = wire.harness.players.grantCalls;

    const result = await wire.harness.run(RETRY, { id: claimId.toHexString() }, admin().token);

    expect(errorCode(result)).toBe('CONFLICT');
    expect(wire.harness.players.grantCalls).toBe(grantsBefore);
    expect(writes(wire.db.wire.commands).map((c) => `${c.name} ${c.collection}`)).toEqual(['update deliveries']);
  });
});
