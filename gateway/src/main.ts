import 'reflect-metadata';
import { createLogger, loadConfig } from '@platform/shared';
import { startGateway } from './server';

/** Entry point of the gateway as its own process (docker compose). */
async function main() {
  const logger = createLogger('gateway');
  const service = await startGateway(loadConfig(process.env));
  logger.info(`gateway ready at ${service.url}`);
  const shutdown = () => void service.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
