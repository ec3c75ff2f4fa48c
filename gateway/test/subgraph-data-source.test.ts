import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLError } from 'graphql';
import { CLIENT_ADDRESS_HEADER, GATEWAY_CREDENTIAL_HEADER, runInRequestScope } from '@platform/shared';
import { subgraphConnections, type GatewayContext, type SubgraphConnections } from '../src/subgraph-data-source';

/** What the fake subgraph answers next, and what it was sent. */
let answer: { status: number; contentType?: string; body: string };
let received: { headers: IncomingHttpHeaders; body: string; clientPort: number | undefined }[] = [];

let server: Server;
let url: string;
let connections: SubgraphConnections;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body, clientPort: request.socket.remotePort });
      response.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  connections = subgraphConnections({ timeoutMs: 2000, gatewayCredential: 'service-secret' });
});

afterAll(async () => {
  await connections.close();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  answer = { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ data: { me: { id: 'u1' } } }) };
});

const operation = (context: GatewayContext) =>
  ({
    // GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is not exported at run time).
    kind: 'incoming operation',
    request: { query: 'query Me($x: Int) { me { id } }', variables: { x: 1 }, operationName: 'Me' },
    context,
    incomingRequestContext: {},
  }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

const failure = async (promise: Promise<unknown>): Promise<GraphQLError> => {
  try {
    await promise;
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected the call to fail');
};

test('posts the operation with the caller’s token, the client’s address, the gateway credential and the request id', async () => {
  const source = connections.dataSource('users', url);
  const response = await runInRequestScope({ requestId: 'req-42' }, () => source.process(operation({ authorization: 'Bearer abc', forwardedFor: '203.0.113.9, 10.0.0.2', clientAddress: '203.0.113.9' })));
  expect(response).toEqual({ data: { me: { id: 'u1' } } });
  const [call] = received;
  expect(JSON.parse(call!.body)).toEqual({ query: 'query Me($x: Int) { me { id } }', variables: { x: 1 }, operationName: 'Me' });
  expect(call!.headers).toMatchObject({
    'content-type': 'application/json',
    authorization: 'Bearer abc',
    'x-forwarded-for': '203.0.113.9, 10.0.0.2',
    [CLIENT_ADDRESS_HEADER]: '203.0.113.9',
    [GATEWAY_CREDENTIAL_HEADER]: 'service-secret',
    'x-request-id': 'req-42',
  });
});

test('an anonymous call sends no token and no address, and reuses the pooled connection', async () => {
  const source = connections.dataSource('users', url);
  for (let call = 0; call < 10; call++) await source.process(operation({}));
  expect(received).toHaveLength(10);
  for (const call of received) {
    expect(call.headers['authorization']).toBeUndefined();
    expect(call.headers['x-forwarded-for']).toBeUndefined();
    expect(call.headers[CLIENT_ADDRESS_HEADER]).toBeUndefined();
    expect(call.headers['x-request-id']).toBeUndefined();
  }
  // Kept-alive sockets carry the calls (undici may open a second one while the first drains).
  expect(new Set(received.map((call) => call.clientPort)).size).toBeLessThanOrEqual(2);
});

test('a subgraph’s own input error (HTTP 400) is relayed as BAD_USER_INPUT with its message', async () => {
  answer = { status: 400, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'Invalid DateTime: "2026-02-30T00:00:00Z"', extensions: { code: 'BAD_USER_INPUT' } }] }) };
  const error = await failure(connections.dataSource('events', url).process(operation({})));
  expect(error.message).toBe('Invalid DateTime: "2026-02-30T00:00:00Z"');
  expect(error.extensions['code']).toBe('BAD_USER_INPUT');
});

test.each([
  [401, 'UNAUTHENTICATED'],
  [403, 'FORBIDDEN'],
  [500, undefined],
])('HTTP %i is reported as Apollo words it, coded %s', async (status, code) => {
  answer = { status, contentType: 'text/plain', body: 'nope' };
  const error = await failure(connections.dataSource('users', url).process(operation({})));
  expect(error.message).toMatch(new RegExp(`^${status}: `));
  expect(error.extensions['code']).toBe(code);
  expect(error.extensions['response']).toMatchObject({ status, body: 'nope' });
});

test.each([502, 503, 504])('HTTP %i means the subgraph is unavailable: retryable, no detail for the client', async (status) => {
  answer = { status, body: '' };
  const error = await failure(connections.dataSource('events', url).process(operation({})));
  expect(error.message).toBe('The events service is unavailable right now; try again shortly.');
  expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: expect.any(Number) });
});

test('a subgraph that is not listening is unavailable, not an internal error', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const error = await failure(connections.dataSource('users', `http://127.0.0.1:${port}/graphql`).process(operation({})));
  expect(error.extensions['code']).toBe('SERVICE_UNAVAILABLE');
  expect((error.originalError as Error).message).toMatch(/^users: ECONNREFUSED/);
});

test.each([
  ['an HTML page', 'text/html', '<html>proxy page</html>'],
  ['a JSON array', 'application/json', '[{"data":{"me":{"id":"u1"}}}]'],
  ['JSON null', 'application/json', 'null'],
])('a 200 answer that is %s is an error, not data', async (_kind, contentType, body) => {
  answer = { status: 200, contentType, body };
  const error = await failure(connections.dataSource('users', url).process(operation({})));
  expect(error.message).toMatch(/^Expected JSON response body/);
});

test('a header value undici refuses to send is our bug (an internal error), not the subgraph being unavailable', async () => {
  const misconfigured = subgraphConnections({ timeoutMs: 2000, gatewayCredential: 'secret-with-newline\n' });
  try {
    const error = await failure(misconfigured.dataSource('users', url).process(operation({})));
    expect(error.extensions?.['code']).toBeUndefined();
    expect((error as Error & { code?: string }).code).toBe('UND_ERR_INVALID_ARG');
  } finally {
    await misconfigured.close();
  }
  expect(received).toHaveLength(0);
});
