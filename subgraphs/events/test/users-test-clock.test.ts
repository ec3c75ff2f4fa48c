import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, ManualClock, SERVICE_TOKEN_HEADER } from '@platform/shared';
import { UsersTestClock } from '../src/clients/users-test-clock';

/** A stand-in for users' /internal/test-clock: counts calls, answers the offset it is given. */
async function fakeUsers(): Promise<{ url: string; calls: () => number; answer: (status: number, offsetMs?: number) => void; close: () => Promise<void> }> {
  let calls = 0;
  let reply = { status: 200, offsetMs: 0 as number | undefined };
  const server: Server = createServer((request, response) => {
    calls++;
    const authorized = request.headers[SERVICE_TOKEN_HEADER] === 'secret' && request.url === '/internal/test-clock';
    response.writeHead(authorized ? reply.status : 401, { 'content-type': 'application/json' });
    response.end(JSON.stringify(reply.offsetMs === undefined ? {} : { offsetMs: reply.offsetMs }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls: () => calls,
    answer: (status, offsetMs) => (reply = { status, offsetMs }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('UsersTestClock (events adopts the offset users owns)', () => {
  const base = new ManualClock(new Date(Date.UTC(2030, 0, 1)));
  const logger = createLogger('events-test');

  test('adopts the offset; concurrent syncs share one request; an unreachable or odd answer keeps the last offset; the value users holds is followed exactly', async () => {
    const users = await fakeUsers();
    const clock = new UsersTestClock(users.url, 'secret', logger, base);
    try {
      users.answer(200, 86_400_000);
      await Promise.all([clock.sync(), clock.sync(), clock.sync()]);
      expect(users.calls()).toBe(1);
      expect(clock.now()).toEqual(new Date(base.now().getTime() + 86_400_000));

      users.answer(404);
      await clock.sync();
      users.answer(200, undefined);
      await clock.sync();
      expect(clock.offsetMs).toBe(86_400_000);
      // users is the one source: whatever it says is the offset (a reset store included).
      users.answer(200, 1000);
      await clock.sync();
      expect(clock.offsetMs).toBe(1000);

      users.answer(200, 2 * 86_400_000);
      await clock.sync();
      expect(clock.offsetMs).toBe(2 * 86_400_000);
    } finally {
      await users.close();
    }
    // users gone: the last offset stays.
    await clock.sync();
    expect(clock.offsetMs).toBe(2 * 86_400_000);
  });

  test('without the service secret users refuses, and nothing is adopted', async () => {
    const users = await fakeUsers();
    const clock = new UsersTestClock(users.url, 'wrong', logger, base);
    users.answer(200, 5000);
    await clock.sync();
    expect(clock.offsetMs).toBe(0);
    await users.close();
  });
});
