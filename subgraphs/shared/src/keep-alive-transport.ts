import { Agent, request } from 'undici';
import { requestIdHeaders } from './request-scope';

export interface KeepAliveOptions {
  /**
   * Bound on each phase of a call: connecting, waiting for the response head, and any
   * silence while reading the body. A frozen peer fails after this long instead of holding
   * the caller (and its socket) for as long as the peer stays frozen.
   */
  timeoutMs: number;
  /** Sockets per origin; further calls queue instead of opening more. */
  connections?: number;
}

/** Per-origin pool size: enough for 50+ requests in flight without a socket per request. */
const DEFAULT_CONNECTIONS = 32;

/**
 * An HTTP/1.1 keep-alive connection pool for calls between our own services. Sockets are
 * reused across calls; an idle socket is closed a little before the server would close it
 * (undici reads the server's `Keep-Alive: timeout` hint), at most after a minute. Timeouts
 * live on the pool's sockets, so a call costs no timer or AbortSignal of its own.
 */
export function keepAliveAgent(options: KeepAliveOptions): Agent {
  return new Agent({
    connections: options.connections ?? DEFAULT_CONNECTIONS,
    pipelining: 1,
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
}

export interface JsonAnswer {
  status: number;
  /** The parsed JSON body of a 2xx answer; undefined otherwise. */
  body: unknown;
  /** The first 300 characters of a non-2xx answer's body. */
  errorText?: string;
}

/** Posts JSON to one service over a keep-alive pool. Rejects when the service cannot be reached in time. */
export class JsonPostTransport {
  private readonly agent: Agent;
  private readonly origin: string;

  constructor(
    baseUrl: string | URL,
    private readonly headers: Record<string, string>,
    options: KeepAliveOptions,
  ) {
    this.origin = new URL(baseUrl).origin;
    this.agent = keepAliveAgent(options);
  }

  /** Posts on behalf of the request being served: its id goes along (request-scope.ts). */
  async post(path: string, payload: unknown): Promise<JsonAnswer> {
    const response = await request(this.origin + path, {
      method: 'POST',
      dispatcher: this.agent,
      headers: { 'content-type': 'application/json', ...this.headers, ...requestIdHeaders() },
      body: JSON.stringify(payload),
    });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      // The start of an error answer says why (e.g. why users refused a grant), for logs and staff.
      const text = await response.body.text().catch(() => '');
      return { status: response.statusCode, body: undefined, errorText: text.slice(0, 300) };
    }
    return { status: response.statusCode, body: await response.body.json() };
  }

  /** Closes the pool's sockets (service shutdown). */
  close(): Promise<void> {
    return this.agent.close();
  }
}
