import { JsonPostTransport, SERVICE_TOKEN_HEADER, type CurrentAccount, type Role } from '@platform/shared';
import type { Reward } from '../schema/rewards';
import { PlayerDirectoryUnavailable, type PlayerDirectory, type PlayerStanding } from '../services/player-directory';
import type { PlayerProfile } from '../services/player-profile';

/** One entry of users' /internal/profiles answer. */
interface ProfileEntry {
  id: string;
  roles: Role[];
  bannedUntil: string | null;
  profile: PlayerProfile;
}

const toDate = (iso: string | null) => (iso ? new Date(iso) : null);

/** The users subgraph's wire shape of a reward grant. */
function toGrantedReward(reward: Reward): Record<string, unknown> {
  if ('amount' in reward) return { kind: 'CURRENCY', currency: reward.currency, amount: reward.amount };
  if ('itemId' in reward) return { kind: 'ITEM', itemId: reward.itemId, quantity: reward.quantity };
  return { kind: 'COUPON', couponId: reward.couponId, quantity: reward.quantity };
}

/** Calls users' internal routes over HTTP with the shared service secret. */
export class HttpPlayerDirectory implements PlayerDirectory {
  private readonly transport: JsonPostTransport;

  constructor(usersGraphqlUrl: string, serviceSecret: string, timeoutMs = 3000) {
    this.transport = new JsonPostTransport(usersGraphqlUrl, { [SERVICE_TOKEN_HEADER]: serviceSecret }, { timeoutMs });
  }

  async standings(userIds: readonly string[]): Promise<Map<string, PlayerStanding>> {
    const users = await this.profiles(userIds);
    return new Map(users.map((user) => [user.id, { userId: user.id, bannedUntil: toDate(user.bannedUntil), profile: user.profile }]));
  }

  async accounts(userIds: readonly string[]): Promise<Map<string, CurrentAccount>> {
    const users = await this.profiles(userIds);
    return new Map(users.map((user) => [user.id, { roles: user.roles, bannedUntil: toDate(user.bannedUntil) }]));
  }

  private async profiles(userIds: readonly string[]): Promise<ProfileEntry[]> {
    if (userIds.length === 0) return [];
    return ((await this.post('/internal/profiles', { userIds })) as { users: ProfileEntry[] }).users;
  }

  async applyRewardGrant(grant: { grantId: string; userId: string; rewards: readonly Reward[] }): Promise<'applied' | 'already-applied'> {
    const body = (await this.post('/internal/reward-grants', { ...grant, rewards: grant.rewards.map(toGrantedReward) })) as { outcome: 'applied' | 'already-applied' };
    return body.outcome;
  }

  /** Closes the keep-alive connections to users (shutdown). */
  close(): Promise<void> {
    return this.transport.close();
  }

  private async post(path: string, payload: unknown): Promise<unknown> {
    let response: { status: number; body: unknown };
    try {
      response = await this.transport.post(path, payload);
    } catch (error) {
      throw new PlayerDirectoryUnavailable(`users service unreachable: ${(error as Error).message}`);
    }
    if (response.status < 200 || response.status >= 300) throw new PlayerDirectoryUnavailable(`users service answered ${response.status} on ${path}`);
    return response.body;
  }
}
