import { createLogger } from './logger';

/** What a process entry point runs: something listening at `url` until stopped. */
export interface StartedService {
  url: string;
  stop(): Promise<void>;
}

/**
 * The entry point of one service as its own process (docker compose): start it, say where
 * it listens, stop it cleanly on SIGINT/SIGTERM, and exit 1 with one line when it cannot start.
 */
export function runAsProcess(name: string, description: string, start: () => Promise<StartedService>): void {
  const logger = createLogger(name);
  // Through a promise, so a configuration error thrown by `start` itself is reported the same way.
  Promise.resolve().then(start).then(
    (service) => {
      logger.info(`${description} ready at ${service.url}`);
      const shutdown = () => void service.stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: unknown) => {
      process.stderr.write(`${name}: failed to start: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
