import { parseWrkReport } from '../../bench/support/wrk';

/** wrk 4.1's --latency report, as bench:gateway reads it (the last line is our script's done()). */
const report = (lines: { p50: string; p99: string; extra?: string }) => `Running 3s test @ http://127.0.0.1:40637/graphql
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.93ms    1.12ms  21.38ms   93.12%
    Req/Sec     5.34k   410.22     5.90k    73.33%
  Latency Distribution
     50%    ${lines.p50}
     75%    2.07ms
     90%    2.61ms
     99%    ${lines.p99}
  15942 requests in 3.00s, 4.31MB read
${lines.extra ?? ''}Requests/sec:   5312.46
Transfer/sec:      1.44MB
GRAPHQL_ERRORS 0
`;

test('rate, requests and percentiles in milliseconds, whatever unit wrk printed', () => {
  expect(parseWrkReport(report({ p50: '812.00us', p99: '1.20s' }))).toEqual({ rps: 5312.46, p50: 0.812, p99: 1200, requests: 15942, failed: 0 });
  expect(parseWrkReport(report({ p50: '1.73ms', p99: '8.91ms' }))).toMatchObject({ p50: 1.73, p99: 8.91 });
});

test('HTTP errors, GraphQL errors, refused connections and timeouts count as failed; read errors do not', () => {
  const extra = '  Socket errors: connect 2, read 7, write 0, timeout 3\n  Non-2xx or 3xx responses: 5\n';
  const failed = parseWrkReport(report({ p50: '1.73ms', p99: '8.91ms', extra }).replace('GRAPHQL_ERRORS 0', 'GRAPHQL_ERRORS 11'));
  expect(failed.failed).toBe(5 + 11 + 2 + 3);
});

test('a report without its percentiles is an error, not zeros', () => {
  expect(() => parseWrkReport('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/no 50th percentile/);
});
