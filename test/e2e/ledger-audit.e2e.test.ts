/**
 * Ledger, revocation and the audit trail through the gateway, both subgraphs over real
 * HTTP: an event created and claimed, a staff adjustment, a revocation, the ledger and the
 * one audit log that covers both subgraphs (with each request's id), and the CLI printing them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../client/src/ops-cli';
import { dataOf, errorCode } from '../support/graphql-result';
import { bearer, postGraphQL, startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/platform';

let platform: TestPlatform;
let adminToken: string;
let adminId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const admin = await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password);
  adminToken = admin.token;
  adminId = admin.id;
});
afterAll(() => platform.stop());

async function requestWithId<T>(query: string, variables: Record<string, unknown>, token: string, requestId: string) {
  return (await postGraphQL<T>(platform.url, { query, variables }, { ...bearer(token), 'x-request-id': requestId })).body;
}

const LEDGER = `query($id: ID!) { user(id: $id) { holdingsLedger { edges { node { reason cashDelta coinsDelta coinsAfter claimId note shortfall actor { username } } } } } }`;
const AUDIT = `query($filter: AuditFilter) { auditLog(filter: $filter, first: 50) { totalCount edges { node { action targetType targetId summary requestId actor { id username } } } } }`;

test('grant, adjustment and revocation are on the ledger; staff actions of both subgraphs in one audit log, with request ids; the chain is intact', async () => {
  const player = await platform.signUp('e2e_ledger_lea');
  const now = Date.now();
  const created = await requestWithId<{ createEvent: { id: string } }>(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    { input: { title: 'Ledger launch', startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), rewards: [{ currency: { currency: 'COIN', amount: 70 } }] } },
    adminToken,
    'req-e2e-create',
  );
  const eventId = created.data!.createEvent.id;
  const claimed = dataOf(await platform.request<{ claimReward: { claim: { id: string; delivery: string } } }>(`mutation($id: ID!) { claimReward(eventId: $id) { ... on RewardClaimed { claim { id delivery } } } }`, { id: eventId }, player.token));
  const claimId = claimed.claimReward.claim.id;
  expect(claimed.claimReward.claim.delivery).toBe('DELIVERED');

  dataOf(await platform.request(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { coins: -50, note: "spent in the shop (test)" }) { coins } }`, { id: player.id }, adminToken));
  const revoked = await requestWithId<{ revokeClaim: { status: string } }>(`mutation($id: ID!) { revokeClaim(claimId: $id, note: "granted by mistake") { status } }`, { id: claimId }, adminToken, 'req-e2e-revoke');
  expect(revoked.data?.revokeClaim.status).toBe('REVOKED');

  const ledger = dataOf(await platform.request<{ user: { holdingsLedger: { edges: { node: Record<string, unknown> }[] } } }>(LEDGER, { id: player.id }, adminToken)).user.holdingsLedger.edges.map((e) => e.node);
  expect(ledger).toEqual([
    { reason: 'REVOCATION', cashDelta: 0, coinsDelta: -20, coinsAfter: 0, claimId, note: 'granted by mistake', shortfall: true, actor: { username: TEST_ADMIN.username } },
    { reason: 'ADJUSTMENT', cashDelta: 0, coinsDelta: -50, coinsAfter: 20, claimId: null, note: 'spent in the shop (test)', shortfall: false, actor: { username: TEST_ADMIN.username } },
    { reason: 'REWARD_GRANT', cashDelta: 0, coinsDelta: 70, coinsAfter: 70, claimId, note: null, shortfall: false, actor: null },
  ]);
  // The player reads their own ledger too.
  const own = dataOf(await platform.request<{ me: { holdingsLedger: { edges: unknown[] } } }>(`{ me { holdingsLedger { edges { node { reason } } } } }`, {}, player.token));
  expect(own.me.holdingsLedger.edges).toHaveLength(3);

  // A revoked claim still counts as claimed.
  const again = dataOf(await platform.request<{ claimReward: { reason?: string } }>(`mutation($id: ID!) { claimReward(eventId: $id) { ... on ClaimRejected { reason } } }`, { id: eventId }, player.token));
  expect(again.claimReward.reason).toBe('ALREADY_CLAIMED');

  const audit = dataOf(await platform.request<{ auditLog: { edges: { node: Record<string, unknown> }[] } }>(AUDIT, { filter: { actorId: adminId, after: new Date(now - 1000).toISOString() } }, adminToken)).auditLog.edges.map((e) => e.node);
  expect(audit).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ action: 'createEvent', targetType: 'Event', targetId: eventId, requestId: 'req-e2e-create', actor: { id: adminId, username: TEST_ADMIN.username } }),
      expect.objectContaining({ action: 'adjustHoldings', targetType: 'User', targetId: player.id, summary: 'coins -50; note: spent in the shop (test)' }),
      expect.objectContaining({ action: 'revokeClaim', targetType: 'RewardClaim', targetId: claimId, requestId: 'req-e2e-revoke' }),
    ]),
  );
  expect(audit.map((e) => e['action']).slice(0, 3)).toEqual(['revokeClaim', 'adjustHoldings', 'createEvent']);
  expect(dataOf(await platform.request<{ auditLogIntegrity: unknown }>(`{ auditLogIntegrity { intact firstBrokenEntryId } }`, {}, adminToken)).auditLogIntegrity).toEqual({ intact: true, firstBrokenEntryId: null });
  expect(errorCode(await platform.request(AUDIT, {}, player.token))).toBe('FORBIDDEN');
  expect(errorCode(await platform.request(`mutation($id: ID!) { revokeClaim(claimId: $id, note: "x") { status } }`, { id: claimId }, player.token))).toBe('FORBIDDEN');
});

test('parallel grants, adjustments and revocations through the gateway: the ledger still adds up to the holdings', async () => {
  const player = await platform.signUp('e2e_ledger_par');
  const now = Date.now();
  const eventIds: string[] = [];
  for (let i = 0; i < 6; i++) {
    eventIds.push(dataOf(await platform.request<{ createEvent: { id: string } }>(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
      input: { title: `Par ${i}`, startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), rewards: [{ currency: { currency: 'COIN', amount: 10 + i } }, { item: { itemId: 'gem', quantity: 1 } }] },
    }, adminToken)).createEvent.id);
  }
  dataOf(await platform.request(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { coins: 100, note: "seed" }) { coins } }`, { id: player.id }, adminToken));
  const claims = await Promise.all(eventIds.map((id) => platform.request<{ claimReward: { claim?: { id: string } } }>(`mutation($id: ID!) { claimReward(eventId: $id) { ... on RewardClaimed { claim { id } } } }`, { id }, player.token)));
  const claimIds = claims.map((c) => dataOf(c).claimReward.claim!.id);
  await Promise.all([
    ...claimIds.filter((_, i) => i % 2 === 0).map((id) => platform.request(`mutation($id: ID!) { revokeClaim(claimId: $id, note: "parallel") { status } }`, { id }, adminToken)),
    ...Array.from({ length: 6 }, (_, i) => platform.request(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { coins: ${i % 2 ? 7 : -9}, note: "parallel ${i}" }) { coins } }`, { id: player.id }, adminToken)),
  ]);
  const { user } = dataOf(await platform.request<{ user: { profile: { coins: number; inventory: { itemId: string; quantity: number }[] }; holdingsLedger: { edges: { node: { coinsDelta: number; itemDeltas: { itemId: string; quantity: number }[] } }[] } } }>(
    `query($id: ID!) { user(id: $id) { profile { coins inventory { itemId quantity } } holdingsLedger(first: 100) { edges { node { coinsDelta itemDeltas { itemId quantity } } } } } }`,
    { id: player.id },
    adminToken,
  ));
  const entries = user.holdingsLedger.edges.map((e) => e.node);
  expect(entries.reduce((sum, e) => sum + e.coinsDelta, 0)).toBe(user.profile.coins);
  const gems = entries.reduce((sum, e) => sum + e.itemDeltas.filter((d) => d.itemId === 'gem').reduce((n, d) => n + d.quantity, 0), 0);
  expect(gems).toBe(user.profile.inventory.find((i) => i.itemId === 'gem')?.quantity ?? 0);
  expect(gems).toBe(3);
});

test('the CLI prints a user\'s ledger and the audit log, and checks the chain', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ops-ledger-'));
  try {
    const session = join(dir, 'admin.json');
    const run = async (argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli([...argv, '--session', session], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { OPS_URL: platform.url }, homedir: dir, cwd: dir });
      return { code, stdout, stderr };
    };
    const player = await platform.signUp('e2e_ledger_cli');
    dataOf(await platform.request(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { cash: 12, note: "cli check" }) { cash } }`, { id: player.id }, adminToken));
    expect((await run(['login', '--username', TEST_ADMIN.username, '--password', TEST_ADMIN.password])).code).toBe(0);
    const ledger = await run(['ledger', '--user', player.id]);
    expect(ledger).toMatchObject({ code: 0, stderr: '' });
    expect(ledger.stdout).toMatch(/Ledger of e2e_ledger_cli/);
    expect(ledger.stdout).toMatch(/ADJUSTMENT\s+cash \+12\s+12\/0\s+-\s+root_admin\s+cli check/);
    const log = await run(['audit-log', '--target', player.id]);
    expect(log.code).toBe(0);
    expect(log.stdout).toMatch(/root_admin\s+adjustHoldings\s+User [0-9a-f]{24}\s+cash \+12; note: cli check/);
    expect(log.stdout).toMatch(/1 of 1 entry\./);
    expect(await run(['audit-integrity'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/The audit log is intact: \d+ entries checked\./) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
