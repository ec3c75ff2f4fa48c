import { Types } from 'mongoose';
import { MongoAuditStore } from '../../subgraphs/users/src/store/mongo/mongo-audit-store';
import { chainedEntry } from '../../subgraphs/users/src/store/audit';
import { eventsModels } from '../../subgraphs/events/src/store/mongo/models';
import { MongoRevocationStore } from '../../subgraphs/events/src/store/mongo/mongo-revocation-store';
import { ClaimStatus, Currency } from '../../subgraphs/events/src/schema/enums';
import type { RevocationRecord } from '../../subgraphs/events/src/store/records';
import {
  committedAttempt,
  cursorReply,
  duplicateKey,
  expectSnapshotMajorityTransaction,
  findAndModifyReply,
  openWireDatabase,
  writesOf,
  writesOutsideTransactions,
  type Document,
  type WireDatabase,
} from '../support/mongo-wire';
import { openUsersWire } from './users-wire-fixture';

const at = new Date('2030-01-01T12:00:00Z');
const entry = (n: number) => ({ id: new Types.ObjectId().toHexString(), at, actorId: new Types.ObjectId().toHexString(), action: 'setRoles', targetType: 'User', targetId: `t${n}`, summary: `s${n}`, requestId: null });

describe("users' audit log", () => {
  let db: WireDatabase;
  beforeAll(async () => {
    db = await openUsersWire();
  });
  afterAll(() => db.close());
  beforeEach(() => {
    db.wire.resetScripts();
    db.wire.clearRecord();
  });

  test('an append that loses the race for its seq (duplicate key on seq_unique) re-reads the tail and chains onto the winner', async () => {
    const winner = chainedEntry(entry(1), { seq: 6, hash: 'a'.repeat(64) });
    let tailReads = 0;
    db.wire.script({ command: 'find', collection: 'audit_log' }, (c) => cursorReply(`${c.db}.audit_log`, [tailReads++ === 0 ? { _id: new Types.ObjectId(), seq: 6, hash: 'a'.repeat(64) } : { _id: new Types.ObjectId(winner.id), seq: winner.seq, hash: winner.hash }]));
    db.wire.once({ command: 'insert', collection: 'audit_log' }, duplicateKey('users.audit_log', 'seq_unique', { seq: 1 }, { seq: 7 }));

    const appended = await new MongoAuditStore(db.connection).append(entry(2));

    expect(appended).toMatchObject({ seq: 8, prevHash: winner.hash });
    const inserts = db.wire.sent('insert', 'audit_log');
    expect(inserts.map((c) => (c.body['documents'] as Document[])[0]!['seq'])).toEqual([7, 8]);
    expect(tailReads).toBe(2);
  });
});

describe("events' revocation", () => {
  let db: WireDatabase;
  const claimId = new Types.ObjectId();
  const userId = new Types.ObjectId();
  const actorId = new Types.ObjectId();
  const claimDoc = (status: ClaimStatus): Document => ({ _id: claimId, eventId: new Types.ObjectId(), userId, status, holdsGrant: true, rewards: [], createdAt: at, eventVersion: 0 });
  const revocation = (): RevocationRecord => ({
    claimId: claimId.toHexString(),
    userId: userId.toHexString(),
    rewards: [{ kind: 'CurrencyReward', currency: Currency.COIN, amount: 5 } as RevocationRecord['rewards'][number]],
    actorId: actorId.toHexString(),
    note: 'mistake',
    requestedAt: at,
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    appliedAt: null,
    shortfall: null,
  });

  beforeAll(async () => {
    db = await openWireDatabase('events');
    await Promise.all(Object.values(eventsModels(db.connection)).map((model) => model.init()));
  });
  afterAll(() => db.close());
  beforeEach(() => {
    db.wire.resetScripts();
    db.wire.clearRecord();
  });

  test('GRANTED → REVOKED (conditional, keeping holdsGrant) and the outbox insert are one snapshot/majority transaction', async () => {
    db.wire.script({ command: 'findAndModify', collection: 'reward_claims' }, findAndModifyReply(claimDoc(ClaimStatus.REVOKED)));

    const result = await new MongoRevocationStore(db.connection, 5000).revoke(claimId.toHexString(), revocation());

    expect(result.outcome).toBe('revoked');
    expect(writesOutsideTransactions(db.wire.commands)).toEqual([]);
    const attempt = committedAttempt(db.wire.commands);
    expectSnapshotMajorityTransaction(attempt);
    const [update, insert] = writesOf(attempt);
    expect(update).toMatchObject({ name: 'findAndModify', collection: 'reward_claims' });
    expect(update!.body['query']).toEqual({ _id: claimId, status: 'GRANTED' });
    expect(JSON.stringify(update!.body['update'])).not.toContain('holdsGrant');
    expect(insert).toMatchObject({ name: 'insert', collection: 'revocations' });
    expect((insert!.body['documents'] as Document[])[0]).toMatchObject({ _id: claimId, userId, actorId, pending: true, note: 'mistake' });
    expect(new Set([update, insert].map((c) => `${c!.lsid}/${c!.txnNumber}`)).size).toBe(1);
  });

  test('a claim already REVOKED (the conditional update matched nothing) is "already-revoked" and nothing is inserted', async () => {
    db.wire.script({ command: 'findAndModify', collection: 'reward_claims' }, findAndModifyReply(null));
    db.wire.script({ command: 'find', collection: 'reward_claims' }, (c) => cursorReply(`${c.db}.reward_claims`, [claimDoc(ClaimStatus.REVOKED)]));

    const result = await new MongoRevocationStore(db.connection, 5000).revoke(claimId.toHexString(), revocation());

    expect(result.outcome).toBe('already-revoked');
    expect(db.wire.sent('insert', 'revocations')).toEqual([]);
  });
});
