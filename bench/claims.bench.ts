import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { AccessTokenSigner, loadConfig, newId, Role } from '@platform/shared';
import { createEventsApp } from '../subgraphs/events/src/server';
import { createMemoryEventsStores } from '../subgraphs/events/src/store/memory';
import type { PlayerDirectory, PlayerStanding } from '../subgraphs/events/src/services/player-directory';
import { startPlatform } from '../scripts/platform';
import { Currency } from '../subgraphs/events/src/schema/enums';
import type { RewardInput } from '../subgraphs/events/src/schema/rewards';

/**
 * Claim throughput, printed as ratios from one run (numbers vary by machine; ratios less):
 *  - in-process ClaimService vs the same claims through the gateway over HTTP,
 *  - sequential vs parallel claims through the gateway (npm start runs all three services
 *    in one Node process, so parallel requests share one thread).
 * Memory stores; `MONGODB_URI` makes the gateway part run on MongoDB.
 */
process.env['LOG_LEVEL'] ??= 'error';
const PLAYERS = Number(process.env['BENCH_PLAYERS'] ?? 200);

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const config = loadConfig(
  { NODE_ENV: 'test', PORT: '0', USERS_PORT: '0', EVENTS_PORT: '0', SIGNUPS_PER_ADDRESS: '100000', JWT_PUBLIC_KEY: keys.publicKey, JWT_PRIVATE_KEY: keys.privateKey, ADMIN_USERNAME: 'bench_admin', ADMIN_PASSWORD: 'bench-admin-password', ...(process.env['MONGODB_URI'] ? { MONGODB_URI: process.env['MONGODB_URI'] } : {}) },
  { privateKey: true, storage: true },
);
const day = 86_400_000;
const window = () => ({ startsAt: new Date(Date.now() - day), endsAt: new Date(Date.now() + day) });
// The GraphQL input shape; the classes' discriminator `kind` is set by the service.
const coinReward = { currency: { currency: Currency.COIN, amount: 1 } } as RewardInput;

async function timed(label: string, count: number, work: () => Promise<void>) {
  const start = process.hrtime.bigint();
  await work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const perSecond = (count / ms) * 1000;
  process.stdout.write(`${label.padEnd(44)} ${count} claims in ${ms.toFixed(0)} ms  (${perSecond.toFixed(0)}/s)\n`);
  return perSecond;
}

async function inProcess(): Promise<number> {
  const standings = new Map<string, PlayerStanding>();
  const players: PlayerDirectory = {
    standings: async (ids) => new Map(ids.flatMap((id) => (standings.has(id) ? [[id, standings.get(id)!] as const] : []))),
    currentAccount: async () => ({ roles: [Role.USER, Role.OPERATOR], bannedUntil: null }),
    applyRewardGrant: async () => 'applied',
  };
  const app = await createEventsApp(config, createMemoryEventsStores(), { players });
  const event = await app.services.events.create(newId(), { title: 'in-process', ...window(), rewards: [coinReward] });
  const callers = Array.from({ length: PLAYERS }, () => ({ userId: newId(), roles: [Role.USER], sessionId: newId() }));
  for (const caller of callers) {
    standings.set(caller.userId, {
      userId: caller.userId,
      bannedUntil: null,
      profile: { cash: 0, coins: 0, inventory: [], coupons: [], loginStats: { totalLogins: 1, loginDays: 1, currentStreak: 1, lastLoginAt: null, daysAwayBeforeLastLogin: 0 } },
    });
  }
  return timed('in-process ClaimService, sequential', PLAYERS, async () => {
    for (const caller of callers) {
      const result = await app.services.claims.claim(caller, event.id, null);
      if (!result.granted) throw new Error(`unexpected ${result.reason}`);
    }
  });
}

async function throughGateway(): Promise<{ sequential: number; parallel: number }> {
  const platform = await startPlatform(config);
  try {
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(platform.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
    };
    const adminLogin = await post(`mutation { logIn(input: { username: "bench_admin", password: "bench-admin-password" }) { accessToken } }`, {});
    const adminToken = adminLogin.data?.['logIn'].accessToken as string;
    const createEvent = async (title: string) =>
      (await post(`mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }`, { i: { title, ...window(), rewards: [coinReward] } }, adminToken)).data?.['createEvent'].id as string;
    // Tokens are minted directly: signing up hundreds of players would benchmark scrypt instead.
    const signer = new AccessTokenSigner(keys.privateKey, { issuer: config.jwt.issuer, audience: config.jwt.audience, algorithm: 'ES256' }, 3600);
    const tokens: string[] = [];
    for (let i = 0; i < PLAYERS; i++) {
      const signedUp = await post(`mutation($i: CredentialsInput!) { signUp(input: $i) { user { id } } }`, { i: { username: `bench_${i}`, password: 'bench-password' } });
      tokens.push(signer.sign({ sub: signedUp.data?.['signUp'].user.id as string, roles: [Role.USER], sid: newId() }, new Date()).token);
    }
    const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`;
    const check = (result: { data?: Record<string, any> }) => {
      if (result.data?.['claimReward']?.__typename !== 'RewardClaimed') throw new Error(`claim failed: ${JSON.stringify(result)}`);
    };
    const sequentialEvent = await createEvent('sequential');
    const sequential = await timed('gateway over HTTP, sequential', PLAYERS, async () => {
      for (const token of tokens) check(await post(CLAIM, { id: sequentialEvent }, token));
    });
    const parallelEvent = await createEvent('parallel');
    const parallel = await timed('gateway over HTTP, 20 in flight', PLAYERS, async () => {
      const queue = [...tokens];
      await Promise.all(Array.from({ length: 20 }, async () => {
        for (let token = queue.pop(); token; token = queue.pop()) check(await post(CLAIM, { id: parallelEvent }, token));
      }));
    });
    return { sequential, parallel };
  } finally {
    await platform.stop();
  }
}

async function main() {
  process.stdout.write(`claim throughput, ${PLAYERS} players, ${config.mongoUri ? 'MongoDB' : 'memory'} stores\n`);
  const local = await inProcess();
  const remote = await throughGateway();
  process.stdout.write(`\nratio in-process / gateway (sequential):   ${(local / remote.sequential).toFixed(1)}x  (cost of HTTP, gateway planning, federation and delivery)\n`);
  process.stdout.write(`ratio parallel / sequential (gateway):      ${(remote.parallel / remote.sequential).toFixed(1)}x  (concurrency the platform turns into throughput)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
