import { createLogger, type Logger } from '@platform/shared';
import { startEventsService } from '../../subgraphs/events/src/server';
import { startUsersService } from '../../subgraphs/users/src/server';
import { commandError, MongoWireServer } from '../support/mongo-wire';
import { testConfig } from '../support/config';

/**
 * /health asks the database for a real round trip (ping): it is down when the database
 * does not answer in time or answers with an error, not merely when no handle exists.
 */
let wire: MongoWireServer;
const pending: (() => void)[] = [];
const quiet: Logger = createLogger('health-wire', { level: 'silent' });

beforeAll(async () => {
  wire = await MongoWireServer.start();
});
afterAll(async () => {
  for (const release of pending) release();
  await wire.close();
});
beforeEach(() => {
  wire.resetScripts();
  wire.clearRecord();
});

/** Every ping from now on waits until the test ends: a database that stopped answering. */
function pingsNeverAnswer(): void {
  wire.script({ command: 'ping' }, () => new Promise((resolve) => pending.push(() => resolve({ ok: 1 }))));
}

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL('/health', url));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const services = [
  ['events', (uri: string) => startEventsService(testConfig({ MONGODB_URI: uri }), { logger: quiet })],
  ['users', (uri: string) => startUsersService(testConfig({ MONGODB_URI: uri }))],
] as const;

test.each(services)('%s: /health is ok while the database answers ping, down (503) when it stops answering or refuses', async (db, start) => {
  const service = await start(wire.uri(db));
  try {
    expect(await health(service.url)).toEqual({ status: 200, body: { service: db, status: 'ok', store: 'mongo' } });
    expect(wire.sent('ping').filter((c) => c.db === db).length).toBeGreaterThan(0);

    pingsNeverAnswer();
    expect(await health(service.url)).toEqual({ status: 503, body: { service: db, status: 'down', store: 'mongo' } });

    wire.resetScripts();
    wire.script({ command: 'ping' }, commandError(91, 'ShutdownInProgress'));
    expect(await health(service.url)).toEqual({ status: 503, body: { service: db, status: 'down', store: 'mongo' } });

    wire.resetScripts();
    expect((await health(service.url)).status).toBe(200);
  } finally {
    await service.stop();
  }
});
