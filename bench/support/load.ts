import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { wrkAvailable, wrkLoad } from './wrk';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx answers plus 2xx answers carrying GraphQL errors. */
  failed: number;
  /** CPU each service process used per request during the run, in µs (process-cpu.ts). */
  cpuMicrosPerRequest?: Record<string, number>;
}

export interface LoadSpec {
  url: string;
  connections: number;
  /** Run for this long. */
  durationSeconds: number;
  /** Called once per request: its GraphQL body and Authorization token. */
  next: () => { body: string; token?: string };
}

/**
 * Closed-loop load on 127.0.0.1, `connections` requests in flight: with wrk when it is
 * installed (BENCH_LOADER=autocannon forces autocannon), else autocannon. autocannon runs in
 * this Node process and takes a core's worth of CPU from the services it measures.
 */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  return loader() === 'wrk' ? wrkLoad(spec) : autocannonLoad(spec);
}

export function loader(): 'wrk' | 'autocannon' {
  return process.env['BENCH_LOADER'] !== 'autocannon' && wrkAvailable() ? 'wrk' : 'autocannon';
}

async function autocannonLoad(spec: LoadSpec): Promise<LoadResult> {
  let graphqlErrors = 0;
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { body, token } = spec.next();
          return { ...request, body, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } };
        },
        onResponse: (_status, body) => {
          if (body.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  // Measured here: autocannon's own duration is whole seconds.
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const requests = result['2xx'] + result.non2xx;
  return {
    rps: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    failed: result.non2xx + result.errors + graphqlErrors,
  };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Median RPS, p50 and p99 across rounds of one workload. */
export function summarize(rounds: readonly LoadResult[]): LoadResult {
  const services = [...new Set(rounds.flatMap((r) => Object.keys(r.cpuMicrosPerRequest ?? {})))];
  const cpu = services.map((name) => [name, median(rounds.flatMap((r) => r.cpuMicrosPerRequest?.[name] ?? []))] as const);
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    failed: rounds.reduce((sum, r) => sum + r.failed, 0),
    ...(cpu.length > 0 ? { cpuMicrosPerRequest: Object.fromEntries(cpu) } : {}),
  };
}

/**
 * Exactly `total` requests with `inFlight` workers each waiting for its answer before the
 * next: for claims, where every request must be a different player. Timed here, since
 * autocannon's `amount` runs end on its one-second tick.
 */
export async function closedLoop(spec: { url: string; inFlight: number; total: number; next: () => { body: string; token?: string } }): Promise<LoadResult> {
  const agent = new Agent({ connections: spec.inFlight, keepAliveTimeout: 10_000 });
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: spec.inFlight }, async () => {
      while (sent < spec.total) {
        sent += 1;
        const { body, token } = spec.next();
        const t0 = process.hrtime.bigint();
        const response = await request(spec.url, { method: 'POST', dispatcher: agent, body, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
        const text = await response.body.text();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (response.statusCode !== 200 || text.includes('"errors"')) failed += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await agent.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), requests: latencies.length, failed };
}
