import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from './logger';
import { serveInRequestScope } from './request-log';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  [detail: string]: unknown;
}

export interface JsonRouteResult {
  status: number;
  body: unknown;
}

/** A JSON-over-POST route next to /graphql (internal service calls). */
export type JsonRoute = (request: IncomingMessage, body: unknown) => Promise<JsonRouteResult>;

export interface PageResult {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/**
 * A GET (and HEAD) route next to /graphql, matched on the exact path: static files, HTML. A key
 * ending in `/*` matches every path under it that no exact key matches (a single-page app).
 */
export type PageRoute = (request: IncomingMessage, url: URL) => PageResult | Promise<PageResult>;

export interface HttpServiceOptions<TContext extends BaseContext> {
  name: string;
  host: string;
  port: number;
  apollo: ApolloServer<TContext>;
  context: (request: IncomingMessage) => Promise<TContext>;
  health: () => Promise<HealthReport>;
  routes?: Record<string, JsonRoute>;
  pages?: Record<string, PageRoute>;
  logger: Logger;
}

export interface RunningHttpService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > BODY_LIMIT_BYTES) throw new HttpError(413, 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** The longest `/prefix/*` page route that `path` falls under. */
function prefixPage(pages: Record<string, PageRoute> | undefined, path: string): PageRoute | undefined {
  let best: { length: number; route: PageRoute } | undefined;
  for (const [key, route] of Object.entries(pages ?? {})) {
    if (!key.endsWith('/*')) continue;
    const prefix = key.slice(0, -1);
    if (path.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, route };
  }
  return best?.route;
}

/**
 * Serves an Apollo server on node:http: /graphql, GET /health, optional JSON routes and GET pages.
 * Resolves once listening; rejects with a readable message when the port is taken.
 */
export async function startHttpService<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
): Promise<RunningHttpService> {
  const { apollo, logger } = options;
  await apollo.start();

  const handleGraphQL = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const body = request.method === 'POST' ? parseJson(await readBody(request)) : undefined;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: () => options.context(request),
    });
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };

  const server = createServer((request, response) => {
    let url: URL;
    try {
      // A request line such as "GET //[ HTTP/1.1" is not a URL: answer it, never crash on it.
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      sendJson(response, 400, { error: 'Malformed request URL' });
      return;
    }
    const route = options.routes?.[url.pathname];
    const page = options.pages?.[url.pathname] ?? prefixPage(options.pages, url.pathname);
    const work = async () => {
      if (url.pathname === '/graphql') return handleGraphQL(request, response, url);
      if (url.pathname === '/health' && request.method === 'GET') {
        const report = await options.health();
        return sendJson(response, report.status === 'down' ? 503 : 200, { service: options.name, ...report });
      }
      if (page) {
        if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'Use GET');
        const result = await page(request, url);
        response.writeHead(result.status, result.headers);
        return response.end(request.method === 'HEAD' ? undefined : result.body);
      }
      if (route) {
        if (request.method !== 'POST') throw new HttpError(405, 'Use POST');
        const result = await route(request, parseJson(await readBody(request)));
        return sendJson(response, result.status, result.body);
      }
      if (url.pathname === '/' && request.method === 'GET') {
        response.writeHead(302, { location: '/graphql' });
        return response.end();
      }
      throw new HttpError(404, 'Not found');
    };
    void serveInRequestScope(request, response, logger, url.pathname, () => work().catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(response, error.status, { error: error.message });
      logger.error('request failed', { error, path: url.pathname });
      if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' });
      else response.end();
    }));
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${options.name}: port ${options.port} on ${options.host} is already in use`)
          : error,
      );
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await apollo.stop();
    throw error;
  });

  const port = (server.address() as AddressInfo).port;
  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${displayHost}:${port}/graphql`,
    port,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      await apollo.stop();
    },
  };
}
