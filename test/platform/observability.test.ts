import { Writable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { ConfigError, createLogger, metricsPages, runInRequestScope, ServiceMetrics, acceptRequestId, type LogLevel } from '@platform/shared';
import { EventsHarness } from '../support/events-harness';
import { dataOf, errorCode } from '../support/graphql-result';
import { UsersHarness } from '../support/users-harness';
import { operator, player } from '../support/tokens';
import { testConfig } from '../support/config';
import { PlayerDirectoryUnavailable } from '../../subgraphs/events/src/services/player-directory';

function capture(level: LogLevel | 'silent' = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('svc', { level, destination }) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('logger (pino)', () => {
  test('JSON lines with level label, ISO time, service, message and fields; errors serialized without losing the message', async () => {
    const { lines, logger } = capture();
    logger.info('hello', { userId: 'u1' });
    logger.error('boom', { error: new TypeError('bad thing') });
    await flush();
    expect(lines[0]).toMatchObject({ level: 'info', service: 'svc', msg: 'hello', userId: 'u1' });
    expect(new Date(lines[0]!['time'] as string).toISOString()).toBe(lines[0]!['time']);
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'boom', error: { type: 'TypeError', message: 'bad thing' } });
  });

  test('the level threshold is respected', async () => {
    const { lines, logger } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    await flush();
    expect(lines.map((line) => line['msg'])).toEqual(['w', 'e']);
  });

  test('lines written inside a request scope carry its id, child loggers keep their bindings', async () => {
    const { lines, logger } = capture('info');
    const child = logger.child({ component: 'dispatcher' });
    await runInRequestScope({ requestId: 'req-1' }, async () => {
      await flush();
      logger.info('inside');
      child.info('inside child');
    });
    logger.info('outside');
    await flush();
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'inside', requestId: 'req-1' }),
      expect.objectContaining({ msg: 'inside child', requestId: 'req-1', component: 'dispatcher' }),
      expect.not.objectContaining({ requestId: expect.anything() }),
    ]);
  });

  test('acceptRequestId keeps short plain ids and replaces anything else', () => {
    expect(acceptRequestId('abc-DEF_1.2:3')).toBe('abc-DEF_1.2:3');
    expect(acceptRequestId(['first', 'second'])).toBe('first');
    for (const bad of [undefined, '', 'a'.repeat(129), 'white space', '{"json":1}', 'ünï']) expect(acceptRequestId(bad)).not.toBe(bad);
  });
});

describe('configuration', () => {
  test('METRICS_TOKEN and LOG_LEVEL are validated', () => {
    expect(testConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken).toBe('a-long-enough-metrics-token');
    expect(testConfig().metricsToken).toBeNull();
    expect(() => testConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => testConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});

describe('metrics', () => {
  const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;
  const url = new URL('http://127.0.0.1/metrics');

  test('production without METRICS_TOKEN serves no /metrics; with one, only its bearer', async () => {
    const metrics = new ServiceMetrics('svc');
    expect(metricsPages(metrics, { nodeEnv: 'production', metricsToken: null })).toEqual({});
    const page = metricsPages(metrics, { nodeEnv: 'production', metricsToken: 'the-metrics-token-123' })['/metrics']!;
    expect((await page(request(), url)).status).toBe(401);
    expect((await page(request('Bearer the-metrics-token-12'), url)).status).toBe(401);
    expect((await page(request('Bearer the-metrics-token-123'), url)).status).toBe(200);
    expect((await metricsPages(metrics, { nodeEnv: 'development', metricsToken: null })['/metrics']!(request(), url)).status).toBe(200);
  });

  test('operation labels are bounded: odd names and names past the first hundred count as (other)', () => {
    const metrics = new ServiceMetrics('svc');
    expect(metrics.operationLabel(null)).toBe('(anonymous)');
    expect(metrics.operationLabel('a'.repeat(65))).toBe('(other)');
    for (let i = 0; i < 100; i++) expect(metrics.operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(metrics.operationLabel('Op100')).toBe('(other)');
    expect(metrics.operationLabel('Op7')).toBe('Op7');
  });

  test('two services in one process keep separate registries', async () => {
    const a = new ServiceMetrics('a');
    const b = new ServiceMetrics('b');
    a.requests.inc({ operation: 'X', outcome: 'ok' });
    expect(await a.render()).toContain('graphql_requests_total{operation="X",outcome="ok",service="a"} 1');
    expect(await b.render()).not.toContain('operation="X"');
  });
});

describe('events metrics', () => {
  const HOUR = 3_600_000;
  const CLAIM = 'mutation($id: ID!) { claimReward(eventId: $id) { __typename } }';

  test('claims by outcome and the delivery backlog, read from the store at scrape time', async () => {
    const h = await EventsHarness.create();
    try {
      const op = operator();
      const event = await h.createEvent(op.token, { challenges: [{ totalLogins: { count: 1 } }] });
      const eligible = [player(), player()];
      for (const p of eligible) h.players.set(p.id, { loginStats: { totalLogins: 3 } });
      const newcomer = player();
      h.players.set(newcomer.id);
      // users accepts profile reads but not grants: deliveries stay pending.
      h.players.applyRewardGrant = async () => {
        throw new PlayerDirectoryUnavailable('users refuses grants (test)');
      };
      expect(dataOf(await h.run(CLAIM, { id: event.id }, eligible[0]!.token))).toEqual({ claimReward: { __typename: 'RewardClaimed' } });
      h.clock.advance(HOUR);
      dataOf(await h.run(CLAIM, { id: event.id }, eligible[1]!.token));
      dataOf(await h.run(CLAIM, { id: event.id }, newcomer.token));
      dataOf(await h.run(CLAIM, { id: '0123456789abcdef01234567' }, newcomer.token));
      h.clock.advance(HOUR / 2);

      const text = await h.app.metrics.render();
      expect(text).toContain('events_claims_total{outcome="granted",service="events"} 2');
      expect(text).toContain('events_claims_total{outcome="CHALLENGE_NOT_MET",service="events"} 1');
      expect(text).toContain('events_claims_total{outcome="EVENT_NOT_FOUND",service="events"} 1');
      expect(text).toContain('events_delivery_backlog{service="events"} 2');
      expect(text).toContain('events_delivery_oldest_pending_age_seconds{service="events"} 5400');
      expect(text).toMatch(/graphql_requests_total\{operation="\(anonymous\)",outcome="ok",service="events"\} \d+/);
    } finally {
      await h.stop();
    }
  });
});

describe('users metrics', () => {
  test('refused log-ins by reason and rate-limit refusals by operation, aliases included', async () => {
    const h = await UsersHarness.create();
    try {
      await h.run('mutation { signUp(input: { username: "counted_cy", password: "correct horse battery" }) { accessToken } }');
      const wrong = 'mutation { attempt: logIn(input: { username: "counted_cy", password: "wrong password!" }) { accessToken } }';
      const codes: unknown[] = [];
      for (let i = 0; i < 12; i++) codes.push(errorCode(await h.run(wrong)));
      const text = await h.app.metrics.render();
      const count = (reason: string) => codes.filter((code) => code === reason).length;
      expect(count('RATE_LIMITED')).toBeGreaterThan(0);
      expect(text).toContain(`users_login_failures_total{reason="UNAUTHENTICATED",service="users"} ${count('UNAUTHENTICATED')}`);
      expect(text).toContain(`users_login_failures_total{reason="RATE_LIMITED",service="users"} ${count('RATE_LIMITED')}`);
      expect(text).toContain(`users_rate_limit_refusals_total{operation="logIn",service="users"} ${count('RATE_LIMITED')}`);
    } finally {
      await h.stop();
    }
  });
});

test('a scrape reads the delivery backlog from the store once for both gauges', async () => {
  const h = await EventsHarness.create();
  try {
    const read = jest.spyOn(h.app.stores.claims, 'deliveryBacklog');
    await h.app.metrics.render();
    expect(read).toHaveBeenCalledTimes(1);
    await h.app.metrics.render();
    expect(read).toHaveBeenCalledTimes(2);
  } finally {
    await h.stop();
  }
});
