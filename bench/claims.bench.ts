import 'reflect-metadata';
import { loadConfig } from '@platform/shared';
import { startPlatform, type RunningPlatform } from '../scripts/platform';
import { coinsOf, createPlayers, type BenchPlayer } from './bench-players';
import { poster, timedPool, type Post } from './support/http';
import { benchKeys } from './support/keys';

/**
 * Claims per second through the gateway, next to a trivial authenticated query (`me`) through
 * the same gateway at the same number of requests in flight, as ratios from one run. Each
 * scenario is one fresh event claimed once by every player; its players are split into
 * rounds, and each claim round is interleaved with a `me` round of the same size, so both
 * rates see the same machine. Exactly-once is checked after each scenario: the granted count
 * and every player's credited coins. Memory stores; `MONGODB_URI` runs it on MongoDB.
 * BENCH_PLAYERS (default 1000) and BENCH_ROUNDS (default 4) tune it.
 */
process.env['LOG_LEVEL'] ??= 'error';
const PLAYERS = Number(process.env['BENCH_PLAYERS'] ?? 1000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4);

const keys = benchKeys();
const config = loadConfig(
  {
    NODE_ENV: 'test', PORT: '0', USERS_PORT: '0', EVENTS_PORT: '0', SIGNUPS_PER_ADDRESS: '100000', JWT_PUBLIC_KEY: keys.publicKey, JWT_PRIVATE_KEY: keys.privateKey,
    ADMIN_USERNAME: 'bench_admin', ADMIN_PASSWORD: 'bench-admin-password',
    ...(process.env['MONGODB_URI'] ? { MONGODB_URI: process.env['MONGODB_URI'] } : {}),
  },
  { privateKey: true, storage: true },
);

interface Scenario {
  name: string;
  inFlight: number;
  claimLimit: number | null;
}

const SCENARIOS: Scenario[] = [
  { name: 'unlimited event, 1 in flight', inFlight: 1, claimLimit: null },
  { name: 'unlimited event, 50 in flight', inFlight: 50, claimLimit: null },
  { name: 'unlimited event, 200 in flight', inFlight: 200, claimLimit: null },
  { name: `limited event (limit ${Math.floor(PLAYERS / 2)}), 200 in flight`, inFlight: 200, claimLimit: Math.floor(PLAYERS / 2) },
];

const CLAIM = `mutation($id: ID!, $key: String) { claimReward(eventId: $id, idempotencyKey: $key) { __typename ... on RewardClaimed { claim { delivery } } ... on ClaimRejected { reason } } }`;
const ME = `{ me { id } }`;
const DAY = 86_400_000;

async function runScenario(platform: RunningPlatform, post: Post, adminToken: string, players: BenchPlayer[], scenario: Scenario, amount: number) {
  const created = await post(
    `mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }`,
    { i: { title: scenario.name, startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + DAY), claimLimit: scenario.claimLimit, rewards: [{ currency: { currency: 'COIN', amount } }] } },
    adminToken,
  );
  const eventId = created.data?.['createEvent']?.id as string;
  if (!eventId) throw new Error(`createEvent failed: ${JSON.stringify(created.errors)}`);
  const before = await coinsOf(platform, players);
  const outcomes = new Map<string, string>();
  let claimMs = 0;
  let meMs = 0;
  let retries = 0;
  let transportErrors = 0;
  const roundSize = Math.ceil(players.length / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const chunk = players.slice(round * roundSize, (round + 1) * roundSize);
    meMs += await timedPool(chunk, scenario.inFlight, async (player) => {
      for (let attempt = 0; ; attempt++) {
        const result = await post(ME, {}, player.token);
        if (result.data?.['me']?.id === player.id) return;
        if (attempt >= 10 || result.errors?.[0]?.extensions?.['code'] !== 'INTERNAL_SERVER_ERROR') throw new Error(`me failed: ${JSON.stringify(result.errors)}`);
        transportErrors++;
      }
    });
    claimMs += await timedPool(chunk, scenario.inFlight, async (player) => {
      // As a client should: SERVICE_UNAVAILABLE is retried with the same idempotency key.
      for (let attempt = 0; ; attempt++) {
        const result = await post(CLAIM, { id: eventId, key: `bench-${eventId}` }, player.token);
        const claim = result.data?.['claimReward'] as { __typename: string; reason?: string } | undefined;
        if (claim) {
          outcomes.set(player.id, claim.__typename === 'RewardClaimed' ? 'GRANTED' : (claim.reason ?? 'REJECTED'));
          return;
        }
        const code = result.errors?.[0]?.extensions?.['code'];
        if (attempt >= 10 || (code !== 'SERVICE_UNAVAILABLE' && code !== 'INTERNAL_SERVER_ERROR')) throw new Error(`claim failed: ${JSON.stringify(result.errors)}`);
        // INTERNAL_SERVER_ERROR here has been the gateway reusing a keep-alive socket the
        // subgraph had just closed (ECONNRESET): counted apart, retried like a client would.
        if (code === 'SERVICE_UNAVAILABLE') retries++;
        else transportErrors++;
        await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
      }
    });
  }
  return { eventId, before, outcomes, retries, transportErrors, claimsPerSecond: (players.length / claimMs) * 1000, mePerSecond: (players.length / meMs) * 1000 };
}

/** Exactly once: the expected number granted, each granted player credited `amount` once, nobody else. */
async function checkExactlyOnce(platform: RunningPlatform, post: Post, adminToken: string, players: BenchPlayer[], scenario: Scenario, run: Awaited<ReturnType<typeof runScenario>>, amount: number): Promise<string> {
  const expected = scenario.claimLimit ?? players.length;
  const granted = [...run.outcomes.values()].filter((o) => o === 'GRANTED').length;
  const soldOut = [...run.outcomes.values()].filter((o) => o === 'SOLD_OUT').length;
  const counted = (await post(`query($id: ID!) { rewardClaims(filter: { eventId: $id, status: GRANTED }, first: 1) { totalCount } }`, { id: run.eventId }, adminToken)).data?.['rewardClaims']?.totalCount as number;
  // Deliveries normally complete inside the claim; the dispatcher finishes any that did not.
  let wrong: BenchPlayer[] = players;
  for (let wait = 0; wait < 60 && wrong.length > 0; wait++) {
    const after = await coinsOf(platform, players);
    wrong = players.filter((p) => (after.get(p.id) ?? 0) - (run.before.get(p.id) ?? 0) !== (run.outcomes.get(p.id) === 'GRANTED' ? amount : 0));
    if (wrong.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const ok = granted === expected && counted === expected && granted + soldOut === players.length && wrong.length === 0;
  if (!ok) process.exitCode = 1;
  return `${ok ? 'ok' : 'FAILED'}: ${granted} granted (store: ${counted}, expected ${expected}), ${soldOut} sold out, ${players.length - wrong.length}/${players.length} balances exact, ${run.retries} SERVICE_UNAVAILABLE and ${run.transportErrors} INTERNAL_SERVER_ERROR retried`;
}

async function main() {
  const platform = await startPlatform(config);
  try {
    const post = poster(platform.url);
    const adminToken = (await post(`mutation { logIn(input: { username: "bench_admin", password: "bench-admin-password" }) { accessToken } }`, {})).data?.['logIn']?.accessToken as string;
    const players = await createPlayers(platform, config, keys.privateKey, PLAYERS);
    process.stdout.write(`claims through the gateway: ${PLAYERS} players, ${config.mongoUri ? 'MongoDB' : 'memory'} stores, ${ROUNDS} interleaved rounds per scenario\n\n`);
    process.stdout.write(`${'scenario'.padEnd(40)} ${'claims/s'.padStart(9)} ${'me/s'.padStart(9)} ${'claims/me'.padStart(10)}  exactly once\n`);
    let amount = 1;
    for (const scenario of SCENARIOS) {
      const run = await runScenario(platform, post, adminToken, players, scenario, amount);
      const verdict = await checkExactlyOnce(platform, post, adminToken, players, scenario, run, amount);
      process.stdout.write(`${scenario.name.padEnd(40)} ${run.claimsPerSecond.toFixed(0).padStart(9)} ${run.mePerSecond.toFixed(0).padStart(9)} ${(run.claimsPerSecond / run.mePerSecond).toFixed(2).padStart(9)}x  ${verdict}\n`);
      amount++;
    }
    process.stdout.write('\nclaims/me: the cost of a claim (event read, profile read from users, grant, delivery to users)\nrelative to the cheapest authenticated round trip through the same gateway, at the same concurrency.\n');
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
