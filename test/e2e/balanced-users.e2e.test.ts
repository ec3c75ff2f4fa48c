import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '../../gateway/src/server';
import { startEventsService } from '../../subgraphs/events/src/server';
import { startUsersService } from '../../subgraphs/users/src/server';
import { testConfig } from '../support/config';
import { errorCode } from '../support/graphql-result';
import { postGraphQL } from '../support/platform';

/**
 * Several users instances behind an HTTP balancer that appends its peer to
 * X-Forwarded-For, as Envoy, Traefik or HAProxy's `option forwardfor` do by default (the
 * README's "Running each service in its own process, and several of each"). The users
 * subgraph must still count each client at the client's own address, not at the gateway's:
 * otherwise every player shares one sign-up and one log-in budget.
 */

/** A loopback HTTP balancer in front of one users instance, appending its peer to X-Forwarded-For. */
async function appendingBalancer(target: string): Promise<{ url: string; stop(): Promise<void> }> {
  const targetUrl = new URL(target);
  const server: Server = createServer((req, res) => {
    const previous = req.headers['x-forwarded-for'];
    const peer = req.socket.remoteAddress ?? '';
    const headers = { ...req.headers, 'x-forwarded-for': previous ? `${String(previous)}, ${peer}` : peer };
    const upstream = httpRequest({ host: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${targetUrl.pathname}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SIGN_UP = `mutation($input: CredentialsInput!) { signUp(input: $input) { accessToken } }`;

test('behind an X-Forwarded-For-appending balancer, sign-up limits still count each client apart', async () => {
  const config = testConfig({ SIGNUPS_PER_ADDRESS: '2', TRUSTED_PROXY_HOPS: '1' });
  const stops: (() => Promise<void>)[] = [];
  try {
    const users = await startUsersService(config);
    stops.unshift(() => users.stop());
    const balancer = await appendingBalancer(users.url);
    stops.unshift(() => balancer.stop());
    const events = await startEventsService({ ...config, urls: { ...config.urls, users: balancer.url } });
    stops.unshift(() => events.stop());
    const gateway = await startGateway({ ...config, urls: { users: balancer.url, events: events.url } });
    stops.unshift(() => gateway.stop());

    const signUp = async (username: string, from: string) =>
      (await postGraphQL<{ signUp: { accessToken: string } }>(gateway.url, { query: SIGN_UP, variables: { input: { username, password: 'correct horse battery' } } }, { 'x-forwarded-for': from })).body;

    // Three clients, two sign-ups each: each is within its own limit of 2.
    const results = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      for (const n of [1, 2]) results.push(await signUp(`client_${client.split('.').at(-1)}_${n}`, client));
    }
    expect(results.map((result) => errorCode(result) ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    // And one client's third is refused: the limit still holds per client.
    expect(errorCode(await signUp('client_1_3', '203.0.113.1'))).toBe('RATE_LIMITED');
  } finally {
    for (const stop of stops) await stop();
  }
}, 60_000);
