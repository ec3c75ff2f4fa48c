import { Role, runInRequestScope } from '@platform/shared';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { UsersHarness } from '../../../test/support/users-harness';
import { createMemoryUsersStores } from '../src/store/memory';
import { MemoryAuditStore } from '../src/store/memory/memory-audit-store';
import type { AuditStore } from '../src/store/audit';
import { claimsOf } from './helpers';

let h: UsersHarness;
let audit: MemoryAuditStore;
let admin: { id: string; token: string };
let player: { id: string; token: string };

beforeEach(async () => {
  const stores = createMemoryUsersStores();
  audit = new MemoryAuditStore();
  h = await UsersHarness.create({ stores: { ...stores, audit } });
  admin = await h.userWithRoles('audit_admin', [Role.ADMIN]);
  player = await h.signUp('audit_pat');
});
afterEach(() => h.stop());

const AUDIT_LOG = `query($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id at action targetType targetId summary requestId hash actor { id username } } } pageInfo { hasNextPage endCursor }
  }
}`;
const INTEGRITY = `{ auditLogIntegrity { entriesChecked intact firstBrokenEntryId } }`;

interface AuditLogData {
  auditLog: { totalCount: number; edges: { cursor: string; node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const setRoles = (roles: Role[]) => h.run(`mutation($id: ID!, $roles: [Role!]!) { setRoles(userId: $id, roles: $roles) { roles } }`, { id: player.id, roles }, admin.token);
const ban = (until: Date | null) => h.run(`mutation($id: ID!, $until: DateTime) { banUser(userId: $id, until: $until) { bannedUntil } }`, { id: player.id, until: until?.toISOString() ?? null }, admin.token);
const revokeSessions = () => h.run(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id: player.id }, admin.token);
const adjust = () => h.run(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { cash: 100, items: [{ itemId: "potion", quantity: 2 }], note: "ticket 12" }) { cash } }`, { id: player.id }, admin.token);
const log = async (variables: Record<string, unknown> = {}, token = admin.token) => dataOf(await h.run<AuditLogData>(AUDIT_LOG, variables, token)).auditLog;

test('each staff action of users is recorded with actor, target, a readable summary and a chained hash; newest first', async () => {
  dataOf(await setRoles([Role.USER, Role.OPERATOR]));
  const until = new Date(h.clock.now().getTime() + 86_400_000);
  dataOf(await ban(until));
  dataOf(await revokeSessions());
  dataOf(await adjust());
  const page = await log();
  expect(page.totalCount).toBe(4);
  expect(page.edges.map((e) => e.node)).toEqual([
    expect.objectContaining({ action: 'adjustHoldings', targetType: 'User', targetId: player.id, summary: 'cash +100, item potion +2; note: ticket 12' }),
    expect.objectContaining({ action: 'revokeSessions', summary: 'every session ended' }),
    expect.objectContaining({ action: 'banUser', summary: `banned until ${until.toISOString()}; every session ended` }),
    expect.objectContaining({ action: 'setRoles', targetType: 'User', targetId: player.id, summary: 'roles USER → USER, OPERATOR', actor: { id: admin.id, username: 'audit_admin' }, at: h.clock.now().toISOString() }),
  ]);
  expect(page.edges.every((e) => /^[0-9a-f]{64}$/.test(e.node['hash'] as string))).toBe(true);
  expect(dataOf(await h.run(INTEGRITY, {}, admin.token))).toEqual({ auditLogIntegrity: { entriesChecked: 4, intact: true, firstBrokenEntryId: null } });
});

test('refused actions (validation) are not recorded; lifting a ban is', async () => {
  expect(errorCode(await setRoles([]))).toBe('BAD_USER_INPUT');
  expect(errorCode(await h.run(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { cash: -1, note: "x" }) { cash } }`, { id: player.id }, admin.token))).toBe('BAD_USER_INPUT');
  expect((await log()).totalCount).toBe(0);
  dataOf(await ban(null));
  expect((await log()).edges.map((e) => e.node['summary'])).toEqual(['ban lifted']);
});

test('the request id of the request that made the change is on its entry', async () => {
  await runInRequestScope({ requestId: 'req-audit-1' }, () => setRoles([Role.USER, Role.AUDITOR]));
  expect((await log()).edges[0]!.node['requestId']).toBe('req-audit-1');
});

test('filters (actor, target, action, time) AND together; totalCount counts the filter; cursor paging', async () => {
  const other = await h.signUp('audit_other');
  dataOf(await setRoles([Role.USER, Role.OPERATOR]));
  h.clock.advance(60_000);
  const middle = h.clock.now();
  h.clock.advance(60_000);
  dataOf(await adjust());
  dataOf(await h.run(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id: other.id }, admin.token));
  expect((await log({ filter: { targetId: player.id } })).totalCount).toBe(2);
  expect((await log({ filter: { action: 'setRoles' } })).edges.map((e) => e.node['action'])).toEqual(['setRoles']);
  expect((await log({ filter: { actorId: admin.id, after: middle.toISOString() } })).totalCount).toBe(2);
  expect((await log({ filter: { before: middle.toISOString() } })).edges.map((e) => e.node['action'])).toEqual(['setRoles']);
  expect((await log({ filter: { actorId: player.id } })).totalCount).toBe(0);
  const first = await log({ first: 2 });
  expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
  const rest = await log({ first: 2, after: first.pageInfo.endCursor });
  expect(rest.edges.map((e) => e.node['action'])).toEqual(['setRoles']);
  expect(rest.pageInfo.hasNextPage).toBe(false);
  expect(errorCode(await h.run(AUDIT_LOG, { after: 'bogus' }, admin.token))).toBe('BAD_USER_INPUT');
  expect(errorCode(await h.run(AUDIT_LOG, { filter: { after: middle.toISOString(), before: middle.toISOString() } }, admin.token))).toBe('BAD_USER_INPUT');
});

describe('who may read the audit log', () => {
  test.each([Role.AUDITOR, Role.ADMIN])('%s reads the log and its integrity', async (role) => {
    dataOf(await setRoles([Role.USER, Role.OPERATOR]));
    const reader = await h.userWithRoles(`reader_${role.toLowerCase()}`, [role]);
    expect((await log({}, reader.token)).totalCount).toBe(1);
    expect(dataOf(await h.run(INTEGRITY, {}, reader.token))).toMatchObject({ auditLogIntegrity: { intact: true } });
  });

  test('OPERATOR and USER are FORBIDDEN; anonymous callers UNAUTHENTICATED', async () => {
    const op = await h.userWithRoles('reader_op', [Role.OPERATOR]);
    for (const token of [op.token, player.token]) {
      expect(errorCode(await h.run(AUDIT_LOG, {}, token))).toBe('FORBIDDEN');
      expect(errorCode(await h.run(INTEGRITY, {}, token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await h.run(AUDIT_LOG, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('tamper evidence', () => {
  beforeEach(async () => {
    dataOf(await setRoles([Role.USER, Role.OPERATOR]));
    dataOf(await adjust());
    dataOf(await revokeSessions());
  });

  test.each([
    ['summary', (i: number) => (audit.entries[i]!.summary = 'cash +1; note: nothing to see')],
    ['actor', (i: number) => (audit.entries[i]!.actorId = player.id)],
    ['time', (i: number) => (audit.entries[i]!.at = new Date(0))],
    ['link to the previous entry', (i: number) => (audit.entries[i]!.prevHash = 'f'.repeat(64))],
  ])('an entry edited behind the service\'s back (%s) is named', async (_what, tamper) => {
    const target = audit.entries[1]!.id;
    tamper(1);
    expect(dataOf(await h.run(INTEGRITY, {}, admin.token))).toEqual({ auditLogIntegrity: { entriesChecked: 2, intact: false, firstBrokenEntryId: target } });
  });

  test('a deleted entry breaks the link of the one after it', async () => {
    const after = audit.entries[2]!.id;
    audit.entries.splice(1, 1);
    expect(dataOf(await h.run(INTEGRITY, {}, admin.token))).toMatchObject({ auditLogIntegrity: { intact: false, firstBrokenEntryId: after } });
  });
});

describe('no unaudited staff change', () => {
  class FailingAuditStore extends MemoryAuditStore implements AuditStore {
    failing = false;
    override async append(...args: Parameters<AuditStore['append']>) {
      if (this.failing) throw new Error('disk full');
      return super.append(...args);
    }
  }

  test('when the audit log cannot be written, each action fails with SERVICE_UNAVAILABLE and changes nothing', async () => {
    const failing = new FailingAuditStore();
    const hf = await UsersHarness.create({ stores: { ...createMemoryUsersStores(), audit: failing } });
    const boss = await hf.userWithRoles('fail_admin', [Role.ADMIN]);
    const pat = await hf.signUp('fail_pat');
    failing.failing = true;
    const results = [
      await hf.run(`mutation($id: ID!) { setRoles(userId: $id, roles: [USER, ADMIN]) { roles } }`, { id: pat.id }, boss.token),
      await hf.run(`mutation($id: ID!, $until: DateTime) { banUser(userId: $id, until: $until) { bannedUntil } }`, { id: pat.id, until: new Date(hf.clock.now().getTime() + 3_600_000).toISOString() }, boss.token),
      await hf.run(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id: pat.id }, boss.token),
      await hf.run(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { coins: 5, note: "x" }) { coins } }`, { id: pat.id }, boss.token),
    ];
    for (const result of results) {
      expect(errorCode(result)).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(result.errors)).not.toMatch(/disk full/);
    }
    const after = await hf.app.stores.users.findById(pat.id);
    expect(after).toMatchObject({ roles: [Role.USER], bannedUntil: null, holdings: { coins: 0 } });
    expect(await hf.app.stores.users.ledger(pat.id, { limit: 10 })).toEqual([]);
    // Her session survived: the refresh token still works.
    expect(await hf.app.stores.sessions.findById(claimsOf(pat.token).sid)).not.toBeNull();
    await hf.stop();
  });
});

test('parallel staff actions: every one is recorded, in one unbroken chain', async () => {
  const others = await Promise.all(Array.from({ length: 8 }, (_, i) => h.signUp(`par_audit_${i}`)));
  await Promise.all([
    ...others.map((o) => h.run(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id: o.id }, admin.token)),
    ...others.map((o, i) => h.run(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { coins: ${i + 1}, note: "p" }) { coins } }`, { id: o.id }, admin.token)),
  ]);
  expect(audit.entries.map((e) => e.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  expect(dataOf(await h.run(INTEGRITY, {}, admin.token))).toEqual({ auditLogIntegrity: { entriesChecked: 16, intact: true, firstBrokenEntryId: null } });
});
