import { AccessTokenSigner, newId, Role, type PlatformConfig } from '@platform/shared';
import type { RunningPlatform } from '../scripts/platform';
import { PasswordHasher } from '../subgraphs/users/src/services/password';

export interface BenchPlayer {
  id: string;
  token: string;
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
