import { dataOf } from '../support/graphql-result';
import { postGraphQL, startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/platform';

/**
 * Request ids and metrics through the real gateway and subgraphs over HTTP. Log lines are
 * read from stderr, where every service of the in-process platform writes them.
 */
const DAY = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface LogLine {
  service: string;
  level: string;
  msg: string;
  requestId?: string;
  path?: string;
  [field: string]: unknown;
}

let platform: TestPlatform;
let adminToken: string;
const logLines: LogLine[] = [];
let stderrSpy: jest.SpyInstance;
const previousLogLevel = process.env['LOG_LEVEL'];

beforeAll(async () => {
  process.env['LOG_LEVEL'] = 'info';
  stderrSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.startsWith('{')) logLines.push(JSON.parse(line) as LogLine);
    }
    return true;
  });
  platform = await startTestPlatform();
  adminToken = (await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password)).token;
});

afterAll(async () => {
  await platform.stop();
  stderrSpy.mockRestore();
  if (previousLogLevel === undefined) delete process.env['LOG_LEVEL'];
  else process.env['LOG_LEVEL'] = previousLogLevel;
});

/** Waits for the log lines of the request to be written: the access log line comes when the response closes. */
async function linesOf(requestId: string, service: string, expected: (lines: LogLine[]) => boolean): Promise<LogLine[]> {
  for (let tick = 0; tick < 100; tick++) {
    const lines = logLines.filter((line) => line.requestId === requestId && line.service === service);
    if (expected(lines)) return lines;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return logLines.filter((line) => line.requestId === requestId && line.service === service);
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string | null; text: string }> {
  const response = await fetch(new URL('/metrics', url), { headers });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one sample, e.g. `events_claims_total{outcome="granted"}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return 0;
}

async function createRunningEvent(): Promise<string> {
  const input = {
    title: 'Observed',
    startsAt: new Date(Date.now() - DAY).toISOString(),
    endsAt: new Date(Date.now() + DAY).toISOString(),
    rewards: [{ currency: { currency: 'COIN', amount: 5 } }],
  };
  return dataOf(await platform.request<{ createEvent: { id: string } }>(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, { input }, adminToken)).createEvent.id;
}

describe('request ids', () => {
  test('a client-sent x-request-id is echoed and carried by the log lines of every service it reaches, events → users internal calls included', async () => {
    const eventId = await createRunningEvent();
    const playerToken = (await platform.signUp('traced_tia')).token;
    const requestId = 'client-trace-0001';
    const { headers, body } = await postGraphQL<{ claimReward: { __typename: string } }>(
      platform.url,
      { query: 'mutation ClaimIt($id: ID!) { claimReward(eventId: $id) { __typename } }', variables: { id: eventId } },
      { authorization: `Bearer ${playerToken}`, 'x-request-id': requestId },
    );
    expect(dataOf(body).claimReward.__typename).toBe('RewardClaimed');
    expect(headers.get('x-request-id')).toBe(requestId);

    const gatewayLines = await linesOf(requestId, 'gateway', (lines) => lines.some((line) => line.msg === 'request completed'));
    expect(gatewayLines).toContainEqual(expect.objectContaining({ msg: 'request completed', path: '/graphql', status: 200, level: 'info' }));
    const eventsLines = await linesOf(requestId, 'events', (lines) => lines.some((line) => line.msg === 'request completed'));
    expect(eventsLines).toContainEqual(expect.objectContaining({ msg: 'request completed', path: '/graphql' }));
    // events read the profile and delivered the grant on behalf of this request.
    const usersLines = await linesOf(requestId, 'users', (lines) => lines.filter((line) => line.msg === 'request completed').length >= 2);
    expect(usersLines).toContainEqual(expect.objectContaining({ msg: 'request completed', path: '/internal/profiles' }));
    expect(usersLines).toContainEqual(expect.objectContaining({ msg: 'request completed', path: '/internal/reward-grants' }));
    expect(usersLines).toContainEqual(expect.objectContaining({ msg: 'reward grant applied' }));
  });

  test('the gateway forwards the id to users for a query that only users answers', async () => {
    const token = (await platform.signUp('traced_tom')).token;
    const { headers } = await postGraphQL(platform.url, { query: '{ me { id username } }' }, { authorization: `Bearer ${token}`, 'x-request-id': 'me-query-42' });
    expect(headers.get('x-request-id')).toBe('me-query-42');
    const usersLines = await linesOf('me-query-42', 'users', (lines) => lines.length > 0);
    expect(usersLines).toContainEqual(expect.objectContaining({ msg: 'request completed', path: '/graphql', status: 200 }));
  });

  test('without an acceptable id the gateway mints a UUID; oversized or odd ids are not trusted', async () => {
    for (const sent of [undefined, 'x'.repeat(129), 'has spaces', 'new\\nline', '']) {
      const { headers } = await postGraphQL(platform.url, { query: '{ __typename }' }, sent === undefined ? {} : { 'x-request-id': sent });
      const assigned = headers.get('x-request-id');
      expect(assigned).toMatch(UUID);
      if (sent !== undefined) expect(logLines.some((line) => line.requestId === sent)).toBe(false);
    }
  });

  test('start-up lines and background work carry no request id', () => {
    expect(logLines.some((line) => line.service === 'users' && line.msg.includes('bootstrap') && line.requestId === undefined)).toBe(true);
  });
});

describe('GET /metrics', () => {
  test('every service answers in Prometheus text format with its own metrics', async () => {
    for (const [service, url] of [['gateway', platform.url], ['users', platform.users.url], ['events', platform.events.url]] as const) {
      const { status, contentType, text } = await scrape(url);
      expect(status).toBe(200);
      expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(text).toContain('# TYPE graphql_requests_total counter');
      expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
      expect(text).toContain(`service="${service}"`);
      expect(text).toContain('process_resident_memory_bytes');
    }
  });

  test('requests by operation and outcome, subgraph calls, claims, backlog, login failures', async () => {
    const before = {
      gateway: (await scrape(platform.url)).text,
      users: (await scrape(platform.users.url)).text,
      events: (await scrape(platform.events.url)).text,
    };
    const eventId = await createRunningEvent();
    const player = await platform.signUp('metered_mia');
    const claim = (token: string) => postGraphQL(platform.url, { query: 'mutation ClaimIt($id: ID!) { claimReward(eventId: $id) { __typename } }', variables: { id: eventId } }, { authorization: `Bearer ${token}` });
    await claim(player.token);
    await claim(player.token); // ALREADY_CLAIMED
    await postGraphQL(platform.url, { query: 'query Unknown { nope }' });
    await postGraphQL(platform.url, { query: 'mutation Wrong { logIn(input: { username: "metered_mia", password: "not the password" }) { accessToken } }' });

    const gateway = (await scrape(platform.url)).text;
    const users = (await scrape(platform.users.url)).text;
    const events = (await scrape(platform.events.url)).text;
    const delta = (text: string, old: string, name: string, labels: Record<string, string>) => sample(text, name, labels) - sample(old, name, labels);

    expect(delta(gateway, before.gateway, 'graphql_requests_total', { operation: 'ClaimIt', outcome: 'ok' })).toBe(2);
    expect(delta(gateway, before.gateway, 'graphql_request_duration_seconds_count', { operation: 'ClaimIt', outcome: 'ok' })).toBe(2);
    expect(delta(gateway, before.gateway, 'graphql_requests_total', { operation: '(invalid)', outcome: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(delta(gateway, before.gateway, 'graphql_requests_total', { operation: 'Wrong', outcome: 'UNAUTHENTICATED' })).toBe(1);
    expect(delta(gateway, before.gateway, 'gateway_subgraph_requests_total', { subgraph: 'events', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(delta(gateway, before.gateway, 'gateway_subgraph_requests_total', { subgraph: 'users', outcome: 'graphql_errors' })).toBe(1);
    expect(delta(gateway, before.gateway, 'gateway_subgraph_request_duration_seconds_count', { subgraph: 'users', outcome: 'graphql_errors' })).toBe(1);

    expect(delta(events, before.events, 'events_claims_total', { outcome: 'granted' })).toBe(1);
    expect(delta(events, before.events, 'events_claims_total', { outcome: 'ALREADY_CLAIMED' })).toBe(1);
    expect(sample(events, 'events_delivery_backlog')).toBe(0);
    expect(sample(events, 'events_delivery_oldest_pending_age_seconds')).toBe(0);

    expect(delta(users, before.users, 'users_login_failures_total', { reason: 'UNAUTHENTICATED' })).toBe(1);
    expect(users).toContain('# TYPE users_rate_limit_refusals_total counter');
  });
});

describe('GET /metrics protection', () => {
  test('with METRICS_TOKEN, only its bearer reads the metrics, on every service', async () => {
    const token = 'metrics-token-for-tests-0123456789';
    const guarded = await startTestPlatform({ METRICS_TOKEN: token });
    try {
      for (const url of [guarded.url, guarded.users.url, guarded.events.url]) {
        expect((await scrape(url)).status).toBe(401);
        expect((await scrape(url, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
        const allowed = await scrape(url, { authorization: `Bearer ${token}` });
        expect(allowed.status).toBe(200);
        expect(allowed.text).toContain('graphql_requests_total');
      }
    } finally {
      await guarded.stop();
    }
  });
});
