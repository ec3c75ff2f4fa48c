import { startCluster, type RunningCluster } from '../scripts/cluster';
import { reportRatios, reportStack } from './support/gateway-report';
import { closedLoop, load, loader, type LoadResult } from './support/load';
import { withCpuPerRequest } from './support/process-cpu';
import { poster, timedPool } from './support/http';
import { benchKeys } from './support/keys';

/**
 * `npm run bench:gateway`: users, events and the gateway as separate processes (memory
 * stores), loaded over 127.0.0.1 with wrk (autocannon when wrk is not installed). Workloads run in interleaved rounds and
 * each line is the median of its rounds, so machine noise hits every workload alike:
 *  - `{ me }` straight to users vs through the gateway (10 connections, distinct tokens),
 *  - the 100-claim audit page with event and user (AUDITOR view, 10 connections),
 *  - claimReward at 1 and at 50 in flight (distinct players, one fresh event per round).
 * After the run, every claim is checked to have been granted and credited exactly once.
 * Hive Gateway (bench/hive-gateway.ts) runs the same workloads on its own users and events
 * processes of this build, interleaved with ours; BENCH_HIVE=0 leaves it out.
 */
const PLAYERS = Number(process.env['BENCH_PLAYERS'] ?? 300);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);
const ADMIN = { username: 'bench_admin', password: 'bench-admin-password' };
const day = 86_400_000;

type Data = Record<string, any>;

/** The query's data, or a thrown error naming the query when it has errors. */
async function post(url: string, query: string, variables: Data = {}, token?: string): Promise<Data> {
  const result = await poster(url)(query, variables, token);
  if (result.errors || !result.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

function startServices(root: string, gatewayEntry: GatewayEntry): Promise<RunningCluster> {
  const keys = benchKeys();
  const env = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    JWT_PUBLIC_KEY: keys.publicKey,
    // Every bench player signs up from 127.0.0.1: lift the per-address sign-up limit.
    SIGNUPS_PER_ADDRESS: '100000',
  };
  return startCluster(env, { users: 0, events: 0, gateway: 0 }, {
    root,
    gateway: gatewayEntry,
    usersEnv: { JWT_PRIVATE_KEY: keys.privateKey, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password },
  });
}

/** Players signed up through the gateway, a few at a time (password hashing dominates). */
async function signUpPlayers(gateway: string): Promise<{ id: string; token: string }[]> {
  const players: { id: string; token: string }[] = [];
  await timedPool(Array.from({ length: PLAYERS }, (_, i) => i), 4, async (i) => {
    const data = await post(gateway, `mutation($i: CredentialsInput!) { signUp(input: $i) { accessToken user { id } } }`, { i: { username: `bench_${i}`, password: 'bench-password' } });
    players.push({ id: data['signUp'].user.id, token: data['signUp'].accessToken });
  });
  return players;
}

const cycle = <T>(items: readonly T[]) => {
  let i = 0;
  return () => items[i++ % items.length]!;
};

/** Which gateway a stack runs in front of its own users and events processes. */
interface GatewayEntry {
  name: string;
  entry: string;
}

const APOLLO_GATEWAY: GatewayEntry = { name: 'gateway', entry: 'dist/gateway/src/main.js' };
const HIVE_GATEWAY: GatewayEntry = { name: 'hive-gateway', entry: 'dist/bench/hive-gateway.js' };

interface Stack {
  label: string;
  services: Awaited<ReturnType<typeof startServices>>;
  admin: string;
  players: { id: string; token: string }[];
  workloads: [string, () => Promise<LoadResult>][];
}

async function startStack(label: string, root: string, gatewayEntry: GatewayEntry = APOLLO_GATEWAY): Promise<Stack> {
  const services = await startServices(root, gatewayEntry);
  try {
    const gateway = services.gateway.url;
    const admin = (await post(gateway, `mutation($i: CredentialsInput!) { logIn(input: $i) { accessToken } }`, { i: ADMIN }))['logIn'].accessToken as string;
    const players = await signUpPlayers(gateway);
    const createEvent = async (title: string) =>
      (await post(gateway, `mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }`, { i: { title, startsAt: new Date(Date.now() - day), endsAt: new Date(Date.now() + day), rewards: [{ currency: { currency: 'COIN', amount: 1 } }] } }, admin))['createEvent'].id as string;
    const claimRound = async (inFlight: number) => {
      const body = JSON.stringify({ query: `mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`, variables: { id: await createEvent(`bench ${inFlight}`) } });
      const player = cycle(players);
      return closedLoop({ url: gateway, inFlight, total: players.length, next: () => ({ body, token: player().token }) });
    };
    const meBody = JSON.stringify({ query: '{ me { id username roles } }' });
    const auditBody = JSON.stringify({ query: '{ rewardClaims(first: 100) { edges { node { id status createdAt event { id title } user { id username } } } } }' });
    const pids = { gateway: services.gateway.child.pid, users: services.users.child.pid, events: services.events.child.pid };
    const me = (url: string) => () => {
      const token = cycle(players.map((p) => p.token));
      return withCpuPerRequest(pids, () => load({ url, connections: 10, durationSeconds: SECONDS, next: () => ({ body: meBody, token: token() }) }));
    };
    const workloads: [string, () => Promise<LoadResult>][] = [
      ['claims, 1 in flight', () => claimRound(1)],
      ['claims, 50 in flight', () => claimRound(50)],
      ['{ me } direct to users', me(services.users.url)],
      ['{ me } through the gateway', me(gateway)],
      ['100-claim audit page (gateway)', () => load({ url: gateway, connections: 10, durationSeconds: SECONDS, next: () => ({ body: auditBody, token: admin }) })],
    ];
    // BENCH_ONLY=<regexp> keeps the workloads whose name matches it (profiling some of them).
    const only = process.env['BENCH_ONLY'];
    // Every stack runs the same users build: `{ me }` direct is measured on ours alone.
    const kept = workloads.filter(([name]) => (!only || new RegExp(only).test(name)) && (gatewayEntry === APOLLO_GATEWAY || !name.includes('direct')));
    return { label, services, admin, players, workloads: kept };
  } catch (error) {
    await services.stop();
    throw error;
  }
}

/**
 * BENCH_BASELINE=<dir> also starts the services built in <dir> (its dist/, e.g. a copy of
 * the code before a change) and interleaves both stacks' rounds, printing after/before.
 * Hive Gateway (unless BENCH_HIVE=0) runs from this build's dist/ and prints ours / Hive.
 */
async function main() {
  const stacks: Stack[] = [];
  try {
    const baselineDir = process.env['BENCH_BASELINE'];
    const baseline = baselineDir ? await startStack(`baseline (${baselineDir})`, baselineDir) : undefined;
    if (baseline) stacks.push(baseline);
    const ours = await startStack('this build', process.cwd());
    stacks.push(ours);
    const hive = process.env['BENCH_HIVE'] === '0' ? undefined : await startStack('Hive Gateway', process.cwd(), HIVE_GATEWAY);
    if (hive) stacks.push(hive);
    const results = stacks.map((stack) => ({ label: stack.label, rounds: new Map<string, LoadResult[]>(stack.workloads.map(([name]) => [name, []])) }));
    // Round by round, each workload runs on every stack that has it before the next workload.
    const names = [...new Set(stacks.flatMap((stack) => stack.workloads.map(([name]) => name)))];
    for (let round = 1; round <= ROUNDS; round++) {
      process.stderr.write(`round ${round}/${ROUNDS}\n`);
      for (const name of names) {
        for (const [i, stack] of stacks.entries()) {
          const run = stack.workloads.find(([workload]) => workload === name)?.[1];
          if (run) results[i]!.rounds.get(name)!.push(await run());
        }
      }
    }
    process.stdout.write(`\ngateway benchmark: ${PLAYERS} players, ${ROUNDS} interleaved rounds (medians), separate processes, memory stores, load from ${loader()}\n`);
    for (const stackResults of results) reportStack(stackResults);
    const resultsOf = (stack: Stack | undefined) => (stack ? results[stacks.indexOf(stack)] : undefined);
    const [oursResults, baselineResults, hiveResults] = [resultsOf(ours)!, resultsOf(baseline), resultsOf(hive)];
    if (baselineResults) reportRatios(oursResults, baselineResults, 'this build / baseline');
    if (hiveResults) reportRatios(oursResults, hiveResults, 'ours / Hive Gateway', { '{ me } through the gateway': 'RPS target >= 1.5' });
    for (const stack of stacks) {
      const claimRounds = ROUNDS * stack.workloads.filter(([name]) => name.startsWith('claims')).length;
      await checkExactlyOnce(stack.label, stack.services.gateway.url, stack.admin, stack.players, claimRounds);
    }
    const failed = results.flatMap((stack) => [...stack.rounds.values()].flat()).reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) throw new Error(`${failed} requests failed`);
  } finally {
    for (const stack of stacks) await stack.services.stop();
  }
}

/** Every player got each round's event granted once and its coin credited once. */
async function checkExactlyOnce(label: string, gateway: string, admin: string, players: readonly { id: string }[], claimRounds: number) {
  const granted = (await post(gateway, `{ rewardClaims(first: 1, filter: { status: GRANTED }) { totalCount } all: rewardClaims(first: 1) { totalCount } }`, {}, admin));
  const expected = players.length * claimRounds;
  if (granted['rewardClaims'].totalCount !== expected || granted['all'].totalCount !== expected) {
    throw new Error(`exactly-once (${label}): expected ${expected} granted claims and no rejections, found ${granted['rewardClaims'].totalCount} granted of ${granted['all'].totalCount}`);
  }
  const until = Date.now() + 30_000;
  for (;;) {
    const wrong: string[] = [];
    for (const player of players) {
      const coins = (await post(gateway, `query($id: ID!) { user(id: $id) { profile { coins } } }`, { id: player.id }, admin))['user'].profile.coins as number;
      if (coins !== claimRounds) wrong.push(`${player.id}: ${coins}`);
    }
    if (wrong.length === 0) break;
    if (wrong.some((entry) => Number(entry.split(': ')[1]) > claimRounds) || Date.now() > until) throw new Error(`exactly-once (${label}): wrong coin balances ${wrong.slice(0, 5).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  process.stdout.write(`exactly-once (${label}): ${expected} claims granted once each, every player credited ${claimRounds} coins (checked after the run)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
