import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpPlayerDirectory } from '../src/clients/http-player-directory';
import { PlayerDirectoryUnavailable, RewardGrantRefused } from '../src/services/player-directory';

/** users' internal routes answering a fixed status: how the events side classifies it. */
let server: Server;
let status = 200;
let directory: HttpPlayerDirectory;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(status === 200 ? { outcome: 'applied', users: [] } : { error: `status ${status}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  directory = new HttpPlayerDirectory(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, 'secret');
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const grant = () => directory.applyRewardGrant({ grantId: 'g', userId: 'abcdefabcdefabcdefabcdef', rewards: [] });

test.each([400, 404, 409, 422])('a grant answered %i is refused for good, with the answer as the reason', async (code) => {
  status = code;
  const error = await grant().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RewardGrantRefused);
  expect((error as RewardGrantRefused).detail).toContain(`answered ${code}`);
  expect((error as RewardGrantRefused).detail).toContain(`status ${code}`);
});

test.each([401, 403, 408, 429, 500, 503])('a grant answered %i is worth retrying', async (code) => {
  status = code;
  await expect(grant()).rejects.toBeInstanceOf(PlayerDirectoryUnavailable);
});

test('profile reads are never "refused for good": a 404 there is users being unavailable', async () => {
  status = 404;
  await expect(directory.standings(['abcdefabcdefabcdefabcdef'])).rejects.toBeInstanceOf(PlayerDirectoryUnavailable);
  status = 200;
  expect(await grant()).toBe('applied');
});
