import 'reflect-metadata';
import { createLogger, loadConfig } from '@platform/shared';
import { startEventsService } from './server';

/** Entry point of the events subgraph as its own process (docker compose). */
async function main() {
  const logger = createLogger('events');
  const service = await startEventsService(loadConfig(process.env, { storage: true }));
  logger.info(`events subgraph ready at ${service.url}`);
  const shutdown = () => void service.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`events: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
