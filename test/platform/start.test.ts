import { createServer, type Server } from 'node:net';
import { startPlatform } from '../../scripts/platform';
import { testConfig } from '../support/config';

async function listen(port = 0): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
const portOf = (server: Server) => (server.address() as { port: number }).port;
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

test('a taken port fails start-up with a clear message and stops what had started', async () => {
  // Two free ports for the subgraphs, and a gateway port that is taken.
  const probes = [await listen(), await listen()];
  const [usersPort, eventsPort] = probes.map(portOf);
  await Promise.all(probes.map(close));
  const blocker = await listen();
  const gatewayPort = portOf(blocker);
  try {
    await expect(startPlatform(testConfig({ PORT: String(gatewayPort), USERS_PORT: String(usersPort), EVENTS_PORT: String(eventsPort) }))).rejects.toThrow(
      `gateway: port ${gatewayPort} on 127.0.0.1 is already in use`,
    );
    // users and events had started and were stopped again: their ports are free.
    const reclaimed = [await listen(usersPort), await listen(eventsPort)];
    await Promise.all(reclaimed.map(close));
  } finally {
    await close(blocker);
  }
});
