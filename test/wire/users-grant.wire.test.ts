import type { IncomingMessage } from 'node:http';
import { Types } from 'mongoose';
import { DEFAULT_TRANSACTION_TIMEOUT_MS, DomainError, ErrorCode, ManualClock, SERVICE_TOKEN_HEADER, createLogger } from '@platform/shared';
import { INTERNAL_REWARD_GRANTS_PATH, internalRoutes } from '../../subgraphs/users/src/internal-routes';
import { AuditTrail } from '../../subgraphs/users/src/services/audit-trail';
import { MemoryAuditStore } from '../../subgraphs/users/src/store/memory/memory-audit-store';
import { HoldingsService, type GrantedReward } from '../../subgraphs/users/src/services/holdings-service';
import { UserAdminService } from '../../subgraphs/users/src/services/user-admin-service';
import { MongoSessionStore } from '../../subgraphs/users/src/store/mongo/mongo-session-store';
import { MongoUserStore } from '../../subgraphs/users/src/store/mongo/mongo-user-store';
import {
  commitWriteConcernTimeout,
  committedAttempt,
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
import { openUsersWire, resetUserScripts, userDocument, wireAuth, wireHoldings } from './users-wire-fixture';

/**
 * users' grant application through the real models and driver, against a wire endpoint:
 * what the transaction sends, and how it behaves when MongoDB answers with the errors a
 * busy replica set gives.
 */
const userId = new Types.ObjectId().toHexString();
const COINS: GrantedReward[] = [{ kind: 'CURRENCY', currency: 'COIN', amount: 50 }];
const clock = new ManualClock(new Date('2030-01-01T12:00:00Z'));

function userDoc(coins: number): Document {
  return userDocument(userId, 'player1', clock.now(), coins, {
    loginStats: { totalLogins: 0, loginDays: 0, currentStreak: 0, lastLoginAt: null, lastLoginDay: null, daysAwayBeforeLastLogin: 0 },
  });
}

let db: WireDatabase;
let grantCounter = 0;
const nextGrantId = () => `claim-${++grantCounter}`;

beforeAll(async () => {
  db = await openUsersWire();
});
afterAll(() => db.close());

beforeEach(() => resetUserScripts(db, userDoc(0), userDoc(50)));

const holdings = (timeoutMS?: number) => wireHoldings(db, clock, timeoutMS ? { transactionTimeoutMS: timeoutMS } : {});

test('every write of a grant is in one snapshot transaction on one session and txnNumber, committed with w:majority', async () => {
  const grantId = nextGrantId();
  const result = await holdings().applyRewardGrant(grantId, userId, COINS);

  expect(result).toMatchObject({ outcome: 'applied', holdings: { coins: 50 } });
  expect(writesOutsideTransactions(db.wire.commands)).toEqual([]);
  const attempt = committedAttempt(db.wire.commands);
  expect(transactionAttempts(db.wire.commands)).toHaveLength(1);
  expectSnapshotMajorityTransaction(attempt);
  const [marker, credit] = writesOf(attempt);
  expect(marker).toMatchObject({ name: 'insert', collection: 'applied_grants' });
  expect(marker!.body['documents']).toEqual([expect.objectContaining({ _id: grantId, userId: new Types.ObjectId(userId) })]);
  expect(credit).toMatchObject({ name: 'findAndModify', collection: 'users' });
  expect(credit!.body['query']).toMatchObject({ _id: new Types.ObjectId(userId) });
  expect(credit!.body['update']).toMatchObject({ $inc: { 'holdings.coins': 50 } });
  // The time budget travels to the server too: each command may use only what is left of it.
  for (const command of attempt.commands) {
    expect(command.body['maxTimeMS']).toBeGreaterThan(0);
    expect(command.body['maxTimeMS']).toBeLessThanOrEqual(DEFAULT_TRANSACTION_TIMEOUT_MS);
  }
});

test('a WriteConflict (TransientTransactionError) runs the callback again and the grant is applied once', async () => {
  db.wire.once({ command: 'findAndModify', collection: 'users', inTransaction: true }, writeConflict());
  const grantId = nextGrantId();

  const result = await holdings().applyRewardGrant(grantId, userId, COINS);

  expect(result.outcome).toBe('applied');
  const attempts = transactionAttempts(db.wire.commands);
  expect(attempts).toHaveLength(2);
  expect(attempts[0]!.aborted).toBe(true);
  expect(attempts[0]!.committed).toBe(false);
  expect(new Set(attempts.map((a) => a.lsid)).size).toBe(1);
  expect(attempts[1]!.txnNumber).toBeGreaterThan(attempts[0]!.txnNumber);
  const committed = committedAttempt(db.wire.commands);
  expectSnapshotMajorityTransaction(committed);
  expect(writesOf(committed).filter((c) => c.collection === 'applied_grants').map((c) => (c.body['documents'] as Document[])[0]!['_id'])).toEqual([grantId]);
});

test('a second delivery of the same grant collides on the marker and credits nothing', async () => {
  const grantId = nextGrantId();
  await holdings().applyRewardGrant(grantId, userId, COINS);
  db.wire.once({ command: 'insert', collection: 'applied_grants' }, duplicateKey('users.applied_grants', '_id_', { _id: 1 }, { _id: grantId }));
  db.wire.clearRecord();

  const again = await holdings().applyRewardGrant(grantId, userId, COINS);

  expect(again.outcome).toBe('already-applied');
  expect(transactionAttempts(db.wire.commands).filter((a) => a.committed)).toEqual([]);
  expect(db.wire.sent('findAndModify', 'users')).toEqual([]);
});

test('a credit past the balance ceiling (no user matched the conditional update) aborts: refused, nothing committed', async () => {
  db.wire.once({ command: 'findAndModify', collection: 'users', inTransaction: true }, findAndModifyReply(null));

  const result = await holdings().applyRewardGrant(nextGrantId(), userId, COINS);

  expect(result.outcome).toBe('refused');
  const attempts = transactionAttempts(db.wire.commands);
  expect(attempts).toHaveLength(1);
  expect(attempts[0]).toMatchObject({ committed: false, aborted: true });
});

test('UnknownTransactionCommitResult on commit retries the commit (same transaction, w:majority), not the callback', async () => {
  db.wire.once({ command: 'commitTransaction' }, commitWriteConcernTimeout());
  const grantId = nextGrantId();

  const result = await holdings().applyRewardGrant(grantId, userId, COINS);

  expect(result.outcome).toBe('applied');
  const commits = db.wire.sent('commitTransaction');
  expect(commits).toHaveLength(2);
  expect(new Set(commits.map((c) => `${c.lsid}:${c.txnNumber}`)).size).toBe(1);
  for (const commit of commits) expect(commit.writeConcern).toMatchObject({ w: 'majority' });
  expect(db.wire.sent('insert', 'applied_grants')).toHaveLength(1);
  expectSnapshotMajorityTransaction(committedAttempt(db.wire.commands));
});

test('conflicts that outlast the time budget end as SERVICE_UNAVAILABLE, not an internal error', async () => {
  db.wire.script({ command: 'findAndModify', collection: 'users', inTransaction: true }, writeConflict());

  const failure = await holdings(300).applyRewardGrant(nextGrantId(), userId, COINS).catch((error: unknown) => error);

  expect(failure).toBeInstanceOf(DomainError);
  expect((failure as DomainError).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  expect(transactionAttempts(db.wire.commands).length).toBeGreaterThan(1);
  expect(transactionAttempts(db.wire.commands).some((a) => a.committed)).toBe(false);
});

test('a commit that never answers within the budget ends as SERVICE_UNAVAILABLE', async () => {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  db.wire.script({ command: 'commitTransaction' }, async () => {
    await released;
    return { ok: 1 };
  });

  const failure = await holdings(300).applyRewardGrant(nextGrantId(), userId, COINS).catch((error: unknown) => error);
  release();

  expect(failure).toBeInstanceOf(DomainError);
  expect((failure as DomainError).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
});

test("the reward-grant route answers 503 (retry later) when the budget is exhausted", async () => {
  db.wire.script({ command: 'findAndModify', collection: 'users', inTransaction: true }, writeConflict());
  const users = new MongoUserStore(db.connection, { transactionTimeoutMS: 300 });
  const secret = 's'.repeat(32);
  const sessions = new MongoSessionStore(db.connection);
  const auth = wireAuth(db, clock, { users, sessions });
  const audit = new AuditTrail(new MemoryAuditStore(), clock);
  const routes = internalRoutes({
    admin: new UserAdminService(users, sessions, clock, audit),
    auth,
    holdings: new HoldingsService(users, clock, audit),
    audit,
    serviceSecret: secret,
    logger: createLogger('users'),
  });
  const request = { headers: { [SERVICE_TOKEN_HEADER]: secret } } as unknown as IncomingMessage;

  const response = await routes[INTERNAL_REWARD_GRANTS_PATH]!(request, { grantId: nextGrantId(), userId, rewards: COINS });

  expect(response.status).toBe(503);
  expect(response.body).toMatchObject({ retryable: true });
});
