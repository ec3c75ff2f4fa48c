import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of a service whose paths can be made to fail with 503,
 * to stand in for "that service is down" between two calls of the same operation, or
 * frozen: requests to a frozen path get no answer at all (until the proxy stops).
 */
export class ToggleProxy {
  readonly failing = new Set<string>();
  readonly frozen = new Set<string>();
  /** How many requests each failing path has refused: lets a test wait for retries instead of sleeping. */
  readonly refusals = new Map<string, number>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<ToggleProxy> {
    const targetUrl = new URL(target);
    let proxy: ToggleProxy | undefined;
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://proxy').pathname;
      if (proxy?.failing.has(path)) {
        proxy.refusals.set(path, (proxy.refusals.get(path) ?? 0) + 1);
        req.resume();
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"down"}');
        return;
      }
      if (proxy?.frozen.has(path)) {
        req.resume();
        return;
      }
      const forwarded = httpRequest(
        { host: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers: req.headers },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
      );
      forwarded.on('error', () => res.writeHead(502).end());
      req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new ToggleProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
    return proxy;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
