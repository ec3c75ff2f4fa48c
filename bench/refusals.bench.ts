import 'reflect-metadata';
import { loadConfig } from '@platform/shared';
import { startPlatform } from '../scripts/platform';
import { poster } from './support/http';
import { benchKeys } from './support/keys';

/**
 * How fast oversized operations are refused (QUERY_TOO_COMPLEX), next to an ordinary `{ me }`
 * query, at the gateway and at each subgraph called directly. One run, the cases interleaved
 * round by round so that warm-up and machine noise hit them alike; medians and ratios printed.
 * Before the limits, the 20,000-field query took 31 s and the 3,000-alias one 17.7 s.
 */
process.env['LOG_LEVEL'] ??= 'error';
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 30);
const TARGET_MS = 50;

const keys = benchKeys();
const config = loadConfig(
  { NODE_ENV: 'test', PORT: '0', USERS_PORT: '0', EVENTS_PORT: '0', JWT_PUBLIC_KEY: keys.publicKey, JWT_PRIVATE_KEY: keys.privateKey, ADMIN_USERNAME: 'bench_admin', ADMIN_PASSWORD: 'bench-admin-password' },
  { privateKey: true },
);

const repeatedFields = (root: string, inner: (fields: string) => string) => `{ ${root} ${inner('id '.repeat(20_000))} }`;
const aliases3000 = `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: events(first: 100) { edges { node { id title } } }`).join(' ')} }`;

interface Case {
  label: string;
  url: () => string;
  query: string;
  /** The code the answer must carry; undefined: it must succeed. */
  code?: string;
}

async function main() {
  const platform = await startPlatform(config);
  try {
    const login = await poster(platform.url)(`mutation { logIn(input: { username: "bench_admin", password: "bench-admin-password" }) { accessToken } }`);
    const token = (login.data as { logIn: { accessToken: string } }).logIn.accessToken;
    const cases: Case[] = [
      { label: 'gateway   { me { id } }  (normal)', url: () => platform.url, query: '{ me { id } }' },
      { label: 'gateway   20,000 × me.id', url: () => platform.url, query: repeatedFields('me', (f) => `{ ${f} }`), code: 'QUERY_TOO_COMPLEX' },
      // Just under the token limit: refused by the field count before graphql-js's quadratic overlapping-fields rule walks it.
      { label: 'gateway   1,990 × me.id (under token limit)', url: () => platform.url, query: `{ me { ${'id '.repeat(1990)} } }`, code: 'QUERY_TOO_COMPLEX' },
      { label: 'gateway   3,000 × events(first: 100)', url: () => platform.url, query: aliases3000, code: 'QUERY_TOO_COMPLEX' },
      { label: 'users     { me { id } }  (normal)', url: () => platform.users.url, query: '{ me { id } }' },
      { label: 'users     20,000 × me.id', url: () => platform.users.url, query: repeatedFields('me', (f) => `{ ${f} }`), code: 'QUERY_TOO_COMPLEX' },
      { label: 'events    3,000 × events(first: 100)', url: () => platform.events.url, query: aliases3000, code: 'QUERY_TOO_COMPLEX' },
      { label: 'events    20,000 × events.edges.node.id', url: () => platform.events.url, query: repeatedFields('events', (f) => `{ edges { node { ${f} } } }`), code: 'QUERY_TOO_COMPLEX' },
    ];
    const samples = cases.map(() => [] as number[]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, entry] of cases.entries()) {
        const started = process.hrtime.bigint();
        const body = await poster(entry.url())(entry.query, undefined, token);
        samples[index]?.push(Number(process.hrtime.bigint() - started) / 1e6);
        const code = body.errors?.[0]?.extensions?.code;
        if (code !== entry.code) throw new Error(`${entry.label}: expected ${entry.code ?? 'success'}, got ${JSON.stringify(body.errors ?? body.data).slice(0, 200)}`);
      }
    }
    const medians = samples.map(median);
    const normal = medians[0] ?? 1;
    process.stdout.write(`${ROUNDS} interleaved rounds; median per request; ratio to the gateway's normal { me } query\n`);
    for (const [index, entry] of cases.entries()) {
      const ms = medians[index] ?? 0;
      const verdict = entry.code ? (ms < TARGET_MS ? `  refused < ${TARGET_MS} ms` : `  SLOWER than ${TARGET_MS} ms`) : '';
      process.stdout.write(`${entry.label.padEnd(44)} ${ms.toFixed(2).padStart(8)} ms  ×${(ms / normal).toFixed(2)}${verdict}\n`);
    }
  } finally {
    await platform.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
