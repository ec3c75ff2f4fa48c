import 'reflect-metadata';
import { AccessTokenSigner, loadConfig, newId, Role } from '@platform/shared';
import { createEventsApp, type EventsApp } from '../subgraphs/events/src/server';
import { createMemoryEventsStores } from '../subgraphs/events/src/store/memory';
import type { PlayerDirectory } from '../subgraphs/events/src/services/player-directory';
import { ClaimStatus, Currency } from '../subgraphs/events/src/schema/enums';
import type { RewardInput } from '../subgraphs/events/src/schema/rewards';
import { benchKeys } from './support/keys';

/**
 * `npm run bench:claim-store`: the 100-claim audit page (newest claims with their event,
 * AUDITOR) from the events subgraph on the memory store, holding 1,000 vs 100,000 claims,
 * in interleaved rounds. The ratio is what an O(page) store keeps near 1.
 */
process.env['LOG_LEVEL'] ??= 'error';
const SIZES = [1_000, 100_000];
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const MS_PER_ROUND = Number(process.env['BENCH_ROUND_MS'] ?? 1500);
const AUDIT_PAGE = '{ rewardClaims(first: 100) { totalCount edges { node { id status createdAt event { id title } user { id } } } } }';

const keys = benchKeys();
const config = loadConfig({ NODE_ENV: 'test', JWT_PUBLIC_KEY: keys.publicKey, JWT_PRIVATE_KEY: keys.privateKey }, { privateKey: true });
const signer = new AccessTokenSigner(keys.privateKey, { issuer: config.jwt.issuer, audience: config.jwt.audience, algorithm: config.jwt.algorithm }, 3600);
const auditor = { sub: newId(), roles: [Role.USER, Role.AUDITOR], sid: newId() };
const headers = { authorization: `Bearer ${signer.sign(auditor, new Date()).token}` };
const players: PlayerDirectory = {
  standings: async () => new Map(),
  currentAccount: async () => ({ roles: auditor.roles, bannedUntil: null }),
  applyRewardGrant: async () => 'applied',
};

async function appWithClaims(count: number): Promise<EventsApp> {
  const app = await createEventsApp(config, createMemoryEventsStores(), { players, audit: { record: async () => undefined } });
  const day = 86_400_000;
  const events = [];
  for (let i = 0; i < 20; i++) {
    events.push(await app.services.events.create(newId(), { title: `event ${i}`, startsAt: new Date(Date.now() - day), endsAt: new Date(Date.now() + day), rewards: [{ currency: { currency: Currency.COIN, amount: 1 } } as RewardInput] }));
  }
  const start = Date.now() - count;
  for (let i = 0; i < count; i++) {
    const event = events[i % events.length]!;
    await app.stores.claims.recordRejection({ id: newId(), eventId: event.id, userId: newId(), status: ClaimStatus.REJECTED, rejectionReason: null, rewards: [], delivery: null, idempotencyKey: null, createdAt: new Date(start + i), period: null, eventVersion: null, deliveryError: null });
  }
  return app;
}

async function pagesPerSecond(app: EventsApp): Promise<number> {
  let pages = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MS_PER_ROUND) {
    const response = await app.apollo.executeOperation({ query: AUDIT_PAGE }, { contextValue: app.contextFor(headers) });
    if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(JSON.stringify(response.body));
    pages += 1;
    elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  }
  return (pages / elapsed) * 1000;
}

async function main() {
  const apps = await Promise.all(SIZES.map(appWithClaims));
  const results = SIZES.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, app] of apps.entries()) results[i]!.push(await pagesPerSecond(app));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  process.stdout.write(`100-claim audit page, events subgraph in process, memory store, ${ROUNDS} interleaved rounds (medians)\n`);
  const rates = results.map(median);
  SIZES.forEach((size, i) => process.stdout.write(`${String(size).padStart(7)} stored claims: ${rates[i]!.toFixed(0).padStart(6)} pages/s\n`));
  process.stdout.write(`ratio ${SIZES[1]} / ${SIZES[0]}: ${(rates[1]! / rates[0]!).toFixed(2)}x (target >= 0.90)\n`);
  for (const app of apps) await app.apollo.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
