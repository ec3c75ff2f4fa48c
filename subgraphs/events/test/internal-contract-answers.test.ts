import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, DomainError, ErrorCode, ManualClock } from '@platform/shared';
import { HttpAuditRecorder } from '../src/clients/http-audit-recorder';
import type { StaffAuditEntry } from '../src/services/audit-recorder';
import { HttpPlayerDirectory } from '../src/clients/http-player-directory';
import { UsersTestClock } from '../src/clients/users-test-clock';
import { PlayerDirectoryUnavailable } from '../src/services/player-directory';

/** A users build that answers 2xx off the shared contract: events fails cleanly and retryably, never on a cast. */
let server: Server;
let url: string;
let answers: Record<string, { status: number; body: unknown }> = {};

beforeAll(async () => {
  server = createServer((request, response) => {
    const answer = answers[request.url ?? ''] ?? { status: 404, body: { error: 'no route' } };
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const USER = 'abcdefabcdefabcdefabcdef';
const logger = createLogger('events-test');
const directory = () => new HttpPlayerDirectory(url, 'secret');

async function failureOf(work: () => Promise<unknown>): Promise<PlayerDirectoryUnavailable> {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlayerDirectoryUnavailable);
  return error as PlayerDirectoryUnavailable;
}

test.each<[string, string, unknown, (d: HttpPlayerDirectory) => Promise<unknown>, RegExp]>([
  ['profiles without a users list', '/internal/profiles', { people: [] }, (d) => d.standings([USER]), /users: /],
  ['a profile without its login stats', '/internal/profiles', { users: [{ id: USER, bannedUntil: null, profile: { cash: 0, coins: 0, inventory: [], coupons: [] } }] }, (d) => d.standings([USER]), /users\.0\.profile\.loginStats: /],
  ['a session account with an unknown role', '/internal/session-account', { account: { roles: ['KING'], bannedUntil: null } }, (d) => d.currentAccount({ userId: USER, sessionId: 's' }), /account\.roles\.0: /],
  ['a session account with a ban that is no date', '/internal/session-account', { account: { roles: ['USER'], bannedUntil: 'soon' } }, (d) => d.currentAccount({ userId: USER, sessionId: 's' }), /account\.bannedUntil: /],
  ['a grant outcome nobody knows', '/internal/reward-grants', { outcome: 'maybe' }, (d) => d.applyRewardGrant({ grantId: 'g', userId: USER, rewards: [] }), /outcome: /],
  ['a revocation without its shortfall', '/internal/reward-revocations', { outcome: 'applied' }, (d) => d.applyRewardRevocation({ claimId: 'c', userId: USER, rewards: [], actorId: USER, note: '' }), /shortfall: /],
])('%s → users unavailable, with what did not match', async (_case, path, body, work, detail) => {
  answers = { [path]: { status: 200, body } };
  const client = directory();
  try {
    const error = await failureOf(() => work(client));
    expect(error.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(error.detail).toContain(`incompatible answer from ${path}`);
    expect(error.detail).toMatch(detail);
  } finally {
    await client.close();
  }
});

test('an audit entry answered off the contract counts as not written: the staff action is refused', async () => {
  answers = { '/internal/audit-entries': { status: 201, body: { id: 'a1' } } };
  const recorder = new HttpAuditRecorder(url, 'secret', logger);
  try {
    const entry: StaffAuditEntry = { actorId: USER, action: 'createEvent', targetType: 'Event', targetId: 'e1', summary: 's', at: new Date(0) };
    const error = await recorder.record(entry).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    answers = { '/internal/audit-entries': { status: 201, body: { id: 'a1', seq: 1, hash: 'h' } } };
    await expect(recorder.record(entry)).resolves.toBeUndefined();
  } finally {
    await recorder.close();
  }
});

test('a test clock offset given as text is not adopted; the last offset stays', async () => {
  const clock = new UsersTestClock(url, 'secret', logger, new ManualClock(new Date(0)));
  answers = { '/internal/test-clock': { status: 200, body: { offsetMs: 5000 } } };
  await clock.sync();
  answers = { '/internal/test-clock': { status: 200, body: { offsetMs: '86400000' } } };
  await clock.sync();
  expect(clock.offsetMs).toBe(5000);
});
