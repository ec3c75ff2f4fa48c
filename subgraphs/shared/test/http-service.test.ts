import { connect } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { BODY_LIMIT_BYTES, createLogger, currentRequestId, startHttpService, type RunningHttpService } from '@platform/shared';

/** The host's own behaviours (beside GraphQL): body cap, JSON routes, pages, request scope, stop. */
describe('startHttpService', () => {
  let service: RunningHttpService;
  let base: string;
  const seenIds: (string | null)[] = [];

  beforeAll(async () => {
    service = await startHttpService({
      name: 'probe',
      host: '127.0.0.1',
      port: 0,
      // As every service runs it: without the cache-control plugin (no cache hints are used).
      apollo: new ApolloServer({ typeDefs: 'type Query { ping: String }', resolvers: { Query: { ping: () => currentRequestId() } }, plugins: [ApolloServerPluginCacheControlDisabled()] }),
      context: async () => ({}),
      health: async () => ({ status: 'ok' }),
      logger: createLogger('probe', { level: 'error' }),
      routes: {
        '/internal/echo': async (_request, body) => {
          // Read after the body was parsed: the request id must still be in scope.
          seenIds.push(currentRequestId());
          return { status: 200, body: { echoed: body } };
        },
      },
      pages: {
        '/app/exact': () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'exact' }),
        '/app/*': (_request, url) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `spa ${url.pathname}` }),
      },
    });
    base = service.url.replace(/\/graphql$/, '');
  });
  afterAll(() => service.stop());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  test('a JSON route gets the parsed body, inside the request scope, and echoes the request id', async () => {
    // Large enough to arrive in many chunks, after the route's middleware has returned.
    const padding = 'p'.repeat(512 * 1024);
    const response = await post('/internal/echo', JSON.stringify({ a: 1, padding }), { 'x-request-id': 'req-route-1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-route-1');
    expect(await response.json()).toEqual({ echoed: { a: 1, padding } });
    expect(seenIds.at(-1)).toBe('req-route-1');
  });

  test('GraphQL resolvers run inside the request scope', async () => {
    const response = await post('/graphql', JSON.stringify({ query: '{ ping }' }), { 'x-request-id': 'req-gql-1' });
    expect(await response.json()).toEqual({ data: { ping: 'req-gql-1' } });
  });

  test('GraphQL answers are never stored by browsers or proxies (they are per caller)', async () => {
    const response = await post('/graphql', JSON.stringify({ query: '{ ping }' }));
    expect(response.headers.get('cache-control')).toBe('no-store');
    const refused = await post('/graphql', '{"query": "{ nope }"}');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  test('bodies over 1 MiB are refused with 413, invalid JSON with 400, wrong methods with 405', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(BODY_LIMIT_BYTES) });
    for (const path of ['/internal/echo', '/graphql']) {
      const tooLarge = await post(path, big);
      expect({ path, status: tooLarge.status, body: await tooLarge.json() }).toEqual({ path, status: 413, body: { error: 'Request body too large' } });
      const invalid = await post(path, '{nope');
      expect({ path, status: invalid.status, body: await invalid.json() }).toEqual({ path, status: 400, body: { error: 'Request body is not valid JSON' } });
    }
    expect((await fetch(`${base}/internal/echo`)).status).toBe(405);
    expect((await post('/app/exact', '{}')).status).toBe(405);
  });

  test('pages: exact paths first, then the longest /* prefix; HEAD has no body; unknown paths 404', async () => {
    expect(await (await fetch(`${base}/app/exact`)).text()).toBe('exact');
    expect(await (await fetch(`${base}/app/deep/link`)).text()).toBe('spa /app/deep/link');
    const head = await fetch(`${base}/app/exact`, { method: 'HEAD' });
    expect({ status: head.status, body: await head.text() }).toEqual({ status: 200, body: '' });
    const missing = await fetch(`${base}/nowhere`);
    expect({ status: missing.status, body: await missing.json() }).toEqual({ status: 404, body: { error: 'Not found' } });
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect({ status: root.status, location: root.headers.get('location') }).toEqual({ status: 302, location: '/graphql' });
  });

  test('a malformed request line gets 400 and the service keeps serving', async () => {
    const { port } = new URL(base);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});

test('stop waits for an in-flight request, then refuses new connections', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let entered: () => void = () => undefined;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const service = await startHttpService({
    name: 'slow',
    host: '127.0.0.1',
    port: 0,
    apollo: new ApolloServer({ typeDefs: 'type Query { ping: String }', resolvers: { Query: { ping: () => 'pong' } } }),
    context: async () => ({}),
    health: async () => ({ status: 'ok' }),
    logger: createLogger('slow', { level: 'error' }),
    routes: { '/internal/slow': async () => { entered(); await gate; return { status: 200, body: { done: true } }; } },
  });
  const base = service.url.replace(/\/graphql$/, '');
  const inFlight = fetch(`${base}/internal/slow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  await inside;
  const stopped = service.stop();
  release();
  const response = await inFlight;
  expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { done: true } });
  await stopped;
  await expect(fetch(`${base}/health`)).rejects.toThrow();
});
