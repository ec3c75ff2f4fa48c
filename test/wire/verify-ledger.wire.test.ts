import { Types } from 'mongoose';
import { runLedgerVerification } from '../../scripts/verify-ledger-run';
import { cursorReply, MongoWireServer, type Document } from '../support/mongo-wire';

/** `npm run verify:ledger` as it reads a users database: users, then each one's ledger. */
const userId = new Types.ObjectId();
const user = (coins: number): Document => ({ _id: userId, username: 'vera', usernameKey: 'vera', passwordHash: 'x', roles: ['USER'], createdAt: new Date(0), holdings: { cash: 0, coins, items: { gem: 2 }, coupons: {} } });
const entry = (coins: number, gems: number): Document => ({
  _id: new Types.ObjectId(), userId, at: new Date(0), reason: 'ADJUSTMENT',
  delta: { cash: 0, coins, items: gems ? [{ id: 'gem', quantity: gems }] : [], coupons: [] },
  after: { cash: 0, coins: 0, items: [], coupons: [] }, claimId: null, actorId: null, note: 'n', shortfall: false,
});

let wire: MongoWireServer;
beforeAll(async () => {
  wire = await MongoWireServer.start();
});
afterAll(() => wire.close());
beforeEach(() => wire.resetScripts());

async function verify() {
  let stdout = '';
  const code = await runLedgerVerification(wire.uri('users'), 'users', { stdout: (t) => void (stdout += t), stderr: () => undefined });
  return { code, stdout };
}

test('every player matches: exit 0 and a summary', async () => {
  wire.script({ command: 'find', collection: 'users' }, (c) => cursorReply(`${c.db}.users`, [user(50)]));
  wire.script({ command: 'find', collection: 'holdings_ledger' }, (c) => cursorReply(`${c.db}.holdings_ledger`, [entry(70, 2), entry(-20, 0)]));
  expect(await verify()).toEqual({ code: 0, stdout: '1 players, 2 ledger entries replayed, 0 mismatches\n' });
});

test('holdings that the ledger does not add up to: exit 1, the player printed with both sides', async () => {
  wire.script({ command: 'find', collection: 'users' }, (c) => cursorReply(`${c.db}.users`, [user(1050)]));
  wire.script({ command: 'find', collection: 'holdings_ledger' }, (c) => cursorReply(`${c.db}.holdings_ledger`, [entry(70, 2), entry(-20, 0)]));
  const { code, stdout } = await verify();
  expect(code).toBe(1);
  expect(stdout).toContain(`MISMATCH ${userId.toHexString()} (vera): holdings {"cash":0,"coins":1050,"items":{"gem":2},"coupons":{}} but the ledger adds up to {"cash":0,"coins":50,"items":{"gem":2},"coupons":{}}`);
  expect(stdout).toContain('1 mismatches');
});
