import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as legacyUrlParse } from 'node:url';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
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

/** What body-parser attaches to the errors it passes on (http-errors). */
interface BodyParserError {
  type: string;
  status: number;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string' && typeof (error as { status?: unknown }).status === 'number';

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

/** The parsed URL of a request; requests whose URL does not parse never get past the first middleware. */
const urls = new WeakMap<IncomingMessage, URL>();
const urlOf = (request: IncomingMessage): URL => urls.get(request) ?? new URL('/', 'http://localhost');

/**
 * Node 22+ warns once (DEP0169) about `url.parse()`, but until it has warned it walks the JS
 * stack on every call to see whether the caller is inside node_modules, and calls from
 * node_modules never warn. @as-integrations/express5 calls it once per request from deep in
 * the Express stack: 5 µs each, 4 % of the gateway's CPU on `{ me }`. One silenced call from
 * our own code settles the warning, and the library's calls cost 0.3 µs again.
 */
function settleUrlParseDeprecation(): void {
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    legacyUrlParse('/');
  } finally {
    process.noDeprecation = quiet;
  }
}

/**
 * Serves an Apollo server with Express: /graphql, GET /health, optional JSON routes and GET pages.
 * Resolves once listening; rejects with a readable message when the port is taken.
 */
export async function startHttpService<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
): Promise<RunningHttpService> {
  const { apollo, logger } = options;
  settleUrlParseDeprecation();
  const app = express();
  // No framework banner, no ETag hashing of every GraphQL response (none of them is cacheable).
  app.disable('x-powered-by');
  app.disable('etag');
  const server = createServer(app);
  // Stop: refuse new connections, let in-flight requests finish, close idle keep-alive sockets, force after 2 s.
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 2000 }));
  await apollo.start();

  // Any JSON value, whatever the content type (Apollo checks content types and CSRF itself), at most 1 MiB.
  const jsonBody = express.json({ limit: BODY_LIMIT_BYTES, strict: false, type: () => true });
  const readJsonBody = (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'POST') {
      request.body = undefined;
      return next();
    }
    jsonBody(request, response, next);
  };

  app.use((request: Request, response: Response, next: NextFunction) => {
    let url: URL;
    try {
      // A request line such as "GET //[ HTTP/1.1" is not a URL: answer it, never crash on it.
      url = new URL(request.url, 'http://localhost');
    } catch {
      return sendJson(response, 400, { error: 'Malformed request URL' });
    }
    urls.set(request, url);
    void serveInRequestScope(request, response, logger, url.pathname, async () => next());
  });

  const graphql = expressMiddleware(apollo, { context: ({ req }) => options.context(req) });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (urlOf(request).pathname !== '/graphql') return next();
    // Every answer is for one caller (Apollo's cache-control plugin, which used to say so, is
    // off: no cache hints are used); Apollo's own header, if it ever sets one, replaces this.
    response.setHeader('cache-control', 'no-store');
    readJsonBody(request, response, (error?: unknown) => (error ? next(error) : void Promise.resolve(graphql(request, response, next)).catch(next)));
  });

  app.use((request: Request, response: Response, next: NextFunction) => {
    const url = urlOf(request);
    const work = async () => {
      if (url.pathname === '/health' && request.method === 'GET') {
        const report = await options.health();
        return sendJson(response, report.status === 'down' ? 503 : 200, { service: options.name, ...report });
      }
      const page = options.pages?.[url.pathname] ?? prefixPage(options.pages, url.pathname);
      if (page) {
        if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'Use GET');
        const result = await page(request, url);
        response.writeHead(result.status, result.headers);
        return response.end(request.method === 'HEAD' ? undefined : result.body);
      }
      const route = options.routes?.[url.pathname];
      if (route) {
        if (request.method !== 'POST') throw new HttpError(405, 'Use POST');
        return readJsonBody(request, response, (error?: unknown) => {
          if (error) return next(error);
          route(request, request.body as unknown).then((result) => sendJson(response, result.status, result.body), next);
        });
      }
      if (url.pathname === '/' && request.method === 'GET') {
        response.writeHead(302, { location: '/graphql' });
        return response.end();
      }
      throw new HttpError(404, 'Not found');
    };
    work().catch(next);
  });

  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    if (error instanceof HttpError) return sendJson(response, error.status, { error: error.message });
    if (isBodyParserError(error) && error.type === 'entity.too.large') return sendJson(response, 413, { error: 'Request body too large' });
    if (isBodyParserError(error) && error.type === 'entity.parse.failed') return sendJson(response, 400, { error: 'Request body is not valid JSON' });
    if (isBodyParserError(error) && error.status >= 400 && error.status < 500) return sendJson(response, error.status, { error: 'Unreadable request body' });
    logger.error('request failed', { error, path: urlOf(request).pathname });
    if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' });
    else response.end();
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
    // Apollo's drain plugin closes the HTTP server before Apollo itself stops.
    stop: () => apollo.stop(),
  };
}
