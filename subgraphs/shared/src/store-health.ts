import type { HealthReport } from './http-service';
import type { Logger } from './logger';
import type { Storage } from './storage';

/** A subgraph's /health: "ok" while its store answers a ping, "down" (logged) when it does not. */
export function storeHealth(ping: () => Promise<void>, storage: Storage, logger: Logger): () => Promise<HealthReport> {
  return async () => {
    try {
      await ping();
      return { status: 'ok', store: storage.kind };
    } catch (error) {
      logger.error('health check failed', { error });
      return { status: 'down', store: storage.kind };
    }
  };
}
