import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header that carries one client request through the gateway, the subgraphs and their internal calls. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Client-sent ids are accepted when they are short and plain (UUIDs, ULIDs, tracing ids),
 * so a hostile one can neither flood the logs nor inject into them.
 */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** The presented id when it is acceptable, otherwise a fresh UUID. */
export function acceptRequestId(presented: string | string[] | undefined): string {
  const value = Array.isArray(presented) ? presented[0] : presented;
  return value !== undefined && ACCEPTED_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Runs `work` so that every log line and outgoing internal call inside it carries `requestId`. */
export function runInRequestScope<T>(requestScope: RequestScope, work: () => T): T {
  return scope.run(requestScope, work);
}

/** The id of the request being served, or null outside of one (start-up, background jobs). */
export function currentRequestId(): string | null {
  return scope.getStore()?.requestId ?? null;
}

/** Headers to add to a call made on behalf of the current request: its id, if any. */
export function requestIdHeaders(): Record<string, string> {
  const requestId = currentRequestId();
  return requestId ? { [REQUEST_ID_HEADER]: requestId } : {};
}
