import { AccessTokenSigner, newId, Role, type PlatformConfig } from '@platform/shared';
import type { RunningPlatform } from '../scripts/platform';
import { PasswordHasher } from '../subgraphs/users/src/services/password';

export interface BenchPlayer {
  id: string;
  token: string;
}

export type Post = (query: string, variables: Record<string, unknown>, token?: string) => Promise<{ data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;

export function poster(url: string): Post {
  return async (query, variables, token) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Awaited<ReturnType<Post>>;
  };
}

/**
 * Real accounts in the users store (so `me` and reward credits are real), created directly:
 * signing up a thousand players would benchmark scrypt. One password hash is shared.
 * Tokens are signed as users would sign them.
 */
export async function createPlayers(platform: RunningPlatform, config: PlatformConfig, privateKey: string, count: number): Promise<BenchPlayer[]> {
  const users = platform.users.app.stores.users;
  const passwordHash = await new PasswordHasher(config.abuse.passwordHashing).hash('bench-password');
  const signer = new AccessTokenSigner(privateKey, { issuer: config.jwt.issuer, audience: config.jwt.audience, algorithm: config.jwt.algorithm }, 3600);
  const run = newId().slice(-6);
  const players: BenchPlayer[] = [];
  for (let i = 0; i < count; i++) {
    const user = await users.create({ id: newId(), username: `bench_${run}_${i}`, passwordHash, roles: [Role.USER], createdAt: new Date(), bannedUntil: null });
    players.push({ id: user.id, token: signer.sign({ sub: user.id, roles: [Role.USER], sid: newId() }, new Date()).token });
  }
  return players;
}

/** Coins of each player, read from the users store. */
export async function coinsOf(platform: RunningPlatform, players: readonly BenchPlayer[]): Promise<Map<string, number>> {
  const users = await platform.users.app.stores.users.findByIds(players.map((p) => p.id));
  return new Map(users.map((user) => [user.id, user.holdings.coins]));
}

/** Runs `work` for every item with at most `inFlight` at once; returns the elapsed milliseconds. */
export async function timedPool<T>(items: readonly T[], inFlight: number, work: (item: T) => Promise<void>): Promise<number> {
  const queue = [...items];
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e6;
}
