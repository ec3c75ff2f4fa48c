import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx answers plus 2xx answers carrying GraphQL errors. */
  failed: number;
}

export interface LoadSpec {
  url: string;
  connections: number;
  /** Run for this long, or until `amount` requests when set. */
  durationSeconds?: number;
  amount?: number;
  /** Called once per request: its GraphQL body and Authorization token. */
  next: () => { body: string; token?: string };
}

/** Closed-loop load on 127.0.0.1 with autocannon: `connections` requests in flight. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  let graphqlErrors = 0;
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationSeconds ?? 3 }),
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
  // Measured here: autocannon's own duration is coarse for short `amount` runs.
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

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Median RPS, p50 and p99 across rounds of one workload. */
export function summarize(rounds: readonly LoadResult[]): LoadResult {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    failed: rounds.reduce((sum, r) => sum + r.failed, 0),
  };
}
