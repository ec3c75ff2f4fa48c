import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createLogger } from '@platform/shared';
import { startEventsService } from '../src/server';
import { testConfig } from '../../../test/support/config';

/**
 * A users stand-in that keeps idle connections for a minute (and says so in Keep-Alive), so
 * a socket it sees closed soon after events stops was closed by events, not by an idle timer.
 */
let users: Server;
let usersUrl: string;
const open = new Set<Socket>();
let onClose: (() => void) | null = null;

beforeAll(async () => {
  users = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ users: [] }));
  });
  users.keepAliveTimeout = 120_000;
  users.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => {
      open.delete(socket);
      onClose?.();
    });
  });
  await new Promise<void>((resolve) => users.listen(0, '127.0.0.1', resolve));
  usersUrl = `http://127.0.0.1:${(users.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  users.closeAllConnections();
  await new Promise((resolve) => users.close(resolve));
});

test('stop closes the keep-alive connections to users that the service opened', async () => {
  const service = await startEventsService(testConfig({ USERS_URL: usersUrl }), { logger: createLogger('events-shutdown', { level: 'silent' }) });
  let stopped = false;
  try {
    await service.app.services.players.standings(['abcdefabcdefabcdefabcdef']);
    expect(open.size).toBe(1);
    const allClosed = new Promise<void>((resolve) => {
      onClose = () => open.size === 0 && resolve();
    });
    stopped = true;
    await service.stop();
    await allClosed;
    expect(open.size).toBe(0);
  } finally {
    onClose = null;
    if (!stopped) await service.stop();
  }
});
