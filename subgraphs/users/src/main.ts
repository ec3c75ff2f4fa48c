import 'reflect-metadata';
import { loadConfig, createLogger } from '@platform/shared';
import { startUsersService } from './server';

/** Entry point of the users subgraph as its own process (docker compose). */
async function main() {
  const logger = createLogger('users');
  const service = await startUsersService(loadConfig(process.env, { privateKey: true, storage: true }));
  logger.info(`users subgraph ready at ${service.url}`);
  const shutdown = () => void service.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`users: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
