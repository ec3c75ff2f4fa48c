import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from './logger';
import { acceptRequestId, REQUEST_ID_HEADER, runInRequestScope } from './request-scope';

/** Probes and scrapes arrive every few seconds: logged at debug so they do not drown the rest. */
const QUIET_PATHS = new Set(['/health', '/metrics']);

/**
 * Serves one HTTP request inside its request scope: takes the caller's `x-request-id` when
 * acceptable (or mints one), echoes it in the response, and logs the request's completion
 * (one access-log line) with that id.
 */
export function serveInRequestScope(request: IncomingMessage, response: ServerResponse, logger: Logger, path: string, work: () => Promise<unknown>): Promise<unknown> {
  const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
  response.setHeader(REQUEST_ID_HEADER, requestId);
  const started = performance.now();
  response.once('close', () => {
    const fields = { method: request.method, path, status: response.statusCode, durationMs: Math.round((performance.now() - started) * 10) / 10 };
    runInRequestScope({ requestId }, () => {
      if (response.statusCode >= 500) logger.warn('request completed', fields);
      else if (QUIET_PATHS.has(path)) logger.debug('request completed', fields);
      else logger.info('request completed', fields);
    });
  });
  return runInRequestScope({ requestId }, work);
}
