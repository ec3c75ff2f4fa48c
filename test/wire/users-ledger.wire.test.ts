import { Types } from 'mongoose';
import { ManualClock } from '@platform/shared';
import type { GrantedReward } from '../../subgraphs/users/src/services/holdings-service';
import {
  committedAttempt,
  cursorReply,
  duplicateKey,
  expectSnapshotMajorityTransaction,
  findAndModifyReply,
  transactionAttempts,
  writeConflict,
  writesOf,
  writesOutsideTransactions,
  type Document,
  type WireDatabase,
} from '../support/mongo-wire';
import { openUsersWire, resetUserScripts, userDocument, wireHoldings } from './users-wire-fixture';

/**
 * The holdings ledger through the real models and driver: each entry is inserted in the
 * same transaction (session and txnNumber) as the change it records, so a change without
 * its entry (or an entry without its change) can never commit.
 */
const userId = new Types.ObjectId().toHexString();
const actorId = new Types.ObjectId().toHexString();
const clock = new ManualClock(new Date('2030-01-01T12:00:00Z'));
const COINS: GrantedReward[] = [{ kind: 'CURRENCY', currency: 'COIN', amount: 50 }];

const userDoc = (coins: number): Document => userDocument(userId, 'ledger1', clock.now(), coins);

let db: WireDatabase;
beforeAll(async () => {
  db = await openUsersWire();
});
afterAll(() => db.close());

beforeEach(() => resetUserScripts(db, userDoc(30), userDoc(80)));

const holdings = () => wireHoldings(db, clock);
const ledgerInsertOf = (writes: ReturnType<typeof writesOf>) => writes.find((c) => c.name === 'insert' && c.collection === 'holdings_ledger');

test('a grant inserts its REWARD_GRANT entry in the transaction of the marker and the credit', async () => {
  await holdings().applyRewardGrant('claim-w1', userId, COINS);

  expect(writesOutsideTransactions(db.wire.commands)).toEqual([]);
  const attempt = committedAttempt(db.wire.commands);
  expectSnapshotMajorityTransaction(attempt);
  const writes = writesOf(attempt);
  expect(writes.map((c) => `${c.name} ${c.collection}`)).toEqual(['insert applied_grants', 'findAndModify users', 'insert holdings_ledger']);
  expect(new Set(writes.map((c) => `${c.lsid}/${c.txnNumber}`)).size).toBe(1);
  expect(ledgerInsertOf(writes)!.body['documents']).toEqual([
    expect.objectContaining({ userId: new Types.ObjectId(userId), reason: 'REWARD_GRANT', claimId: 'claim-w1', delta: expect.objectContaining({ coins: 50 }), after: expect.objectContaining({ coins: 80 }) }),
  ]);
});

test('an adjustment and its ADJUSTMENT entry are one snapshot/majority transaction; a WriteConflict re-runs both', async () => {
  db.wire.once({ command: 'insert', collection: 'holdings_ledger', inTransaction: true }, writeConflict());

  await holdings().adjust(actorId, userId, { coins: 50, note: 'ticket 9' });

  expect(writesOutsideTransactions(db.wire.commands)).toEqual([]);
  const attempts = transactionAttempts(db.wire.commands);
  expect(attempts).toHaveLength(2);
  expect(attempts[0]!.committed).toBe(false);
  const attempt = committedAttempt(db.wire.commands);
  expectSnapshotMajorityTransaction(attempt);
  const writes = writesOf(attempt);
  expect(writes.map((c) => `${c.name} ${c.collection}`)).toEqual(['findAndModify users', 'insert holdings_ledger']);
  expect(new Set(writes.map((c) => `${c.lsid}/${c.txnNumber}`)).size).toBe(1);
  expect(ledgerInsertOf(writes)!.body['documents']).toEqual([
    expect.objectContaining({ reason: 'ADJUSTMENT', actorId: new Types.ObjectId(actorId), note: 'ticket 9', at: clock.now() }),
  ]);
});

test('a refused adjustment (no user matched the conditional update) commits nothing and writes no entry', async () => {
  db.wire.once({ command: 'findAndModify', collection: 'users', inTransaction: true }, findAndModifyReply(null));
  await expect(holdings().adjust(actorId, userId, { coins: -500, note: 'too much' })).rejects.toThrow(/coins would go below zero/);
  expect(transactionAttempts(db.wire.commands).filter((a) => a.committed)).toEqual([]);
  expect(db.wire.sent('insert', 'holdings_ledger')).toEqual([]);
});

test('a revocation: marker, debit of what is held (read in the snapshot) and REVOCATION entry in one transaction; a second one collides', async () => {
  db.wire.script({ command: 'find', collection: 'applied_grants' }, (c) => cursorReply(`${c.db}.applied_grants`, [{ _id: 'claim-w2', userId: new Types.ObjectId(userId), appliedAt: clock.now() }]));
  const result = await holdings().applyRevocation({ claimId: 'claim-w2', userId, rewards: COINS, actorId, note: 'mistake' });

  expect(result).toMatchObject({ outcome: 'applied', entry: { shortfall: true, delta: { coins: -30 } } });
  const attempt = committedAttempt(db.wire.commands);
  expectSnapshotMajorityTransaction(attempt);
  const inTransaction = attempt.commands.filter((c) => c.name !== 'commitTransaction');
  expect(inTransaction.map((c) => `${c.name} ${c.collection}`)).toEqual(['insert applied_grants', 'find users', 'find applied_grants', 'findAndModify users', 'insert holdings_ledger']);
  expect(new Set(inTransaction.map((c) => `${c.lsid}/${c.txnNumber}`)).size).toBe(1);
  expect(inTransaction[3]!.body['update']).toMatchObject({ $inc: { 'holdings.coins': -30 } });
  expect(inTransaction[3]!.body['query']).toMatchObject({ 'holdings.coins': { $gte: 30 } });

  db.wire.once({ command: 'insert', collection: 'applied_grants' }, duplicateKey('users.applied_grants', '_id_', { _id: 1 }, { _id: 'revocation:claim-w2' }));
  db.wire.clearRecord();
  expect(await holdings().applyRevocation({ claimId: 'claim-w2', userId, rewards: COINS, actorId, note: 'mistake' })).toEqual({ outcome: 'already-applied' });
  expect(db.wire.sent('insert', 'holdings_ledger')).toEqual([]);
  expect(db.wire.sent('findAndModify', 'users')).toEqual([]);
});

test('a revocation before its grant was credited takes the grant id in the same transaction and debits nothing', async () => {
  const result = await holdings().applyRevocation({ claimId: 'claim-w3', userId, rewards: COINS, actorId, note: 'early' });

  expect(result).toMatchObject({ outcome: 'applied', entry: { shortfall: false, delta: { coins: 0 } } });
  const attempt = committedAttempt(db.wire.commands);
  const writes = writesOf(attempt);
  expect(writes.map((c) => `${c.name} ${c.collection}`)).toEqual(['insert applied_grants', 'insert applied_grants', 'insert holdings_ledger']);
  expect(new Set(writes.map((c) => `${c.lsid}/${c.txnNumber}`)).size).toBe(1);
  expect((writes[1]!.body['documents'] as Document[])[0]).toMatchObject({ _id: 'claim-w3', revokedBeforeCredit: true });
});
