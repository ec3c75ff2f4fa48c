import { JsonPostTransport, playerTimeZoneFromJson, requestIdHeaders, type JsonAnswer, SERVICE_TOKEN_HEADER, type CurrentAccount, type Role } from '@platform/shared';
import { toGrantedReward, type Reward } from '../schema/rewards';
import type { GrantRevoker } from '../services/grant-revoker';
import { PlayerDirectoryUnavailable, RewardGrantRefused, type PlayerDirectory, type PlayerStanding } from '../services/player-directory';
import type { PlayerProfile } from '../services/player-profile';

/** One entry of users' /internal/profiles answer. */
interface ProfileEntry {
  id: string;
  roles: Role[];
  bannedUntil: string | null;
  /** Absent from older users builds: then the account's age is unknown (0 days). */
  createdAt?: string | null;
  profile: PlayerProfile;
  /** The zone schedule (PlayerTimeZoneJson); absent from an older users. */
  timeZone?: unknown;
}

const toDate = (iso: string | null) => (iso ? new Date(iso) : null);

/** Calls users' internal routes over HTTP with the shared service secret. */
export class HttpPlayerDirectory implements PlayerDirectory, GrantRevoker {
  private readonly transport: JsonPostTransport;

  constructor(usersGraphqlUrl: string, serviceSecret: string, timeoutMs = 3000) {
    this.transport = new JsonPostTransport(usersGraphqlUrl, { [SERVICE_TOKEN_HEADER]: serviceSecret }, { timeoutMs });
  }

  async standings(userIds: readonly string[]): Promise<Map<string, PlayerStanding>> {
    const users = await this.profiles(userIds);
    return new Map(
      users.map((user) => [
        user.id,
        { userId: user.id, bannedUntil: toDate(user.bannedUntil), createdAt: toDate(user.createdAt ?? null), profile: user.profile, timeZone: playerTimeZoneFromJson(user.timeZone) },
      ]),
    );
  }

  async currentAccount(caller: { userId: string; sessionId: string }): Promise<CurrentAccount | null> {
    const body = (await this.post('/internal/session-account', { userId: caller.userId, sessionId: caller.sessionId })) as { account: { roles: Role[]; bannedUntil: string | null } | null };
    return body.account ? { roles: body.account.roles, bannedUntil: toDate(body.account.bannedUntil) } : null;
  }

  private async profiles(userIds: readonly string[]): Promise<ProfileEntry[]> {
    if (userIds.length === 0) return [];
    return ((await this.post('/internal/profiles', { userIds })) as { users: ProfileEntry[] }).users;
  }

  async applyRewardGrant(grant: { grantId: string; userId: string; rewards: readonly Reward[] }): Promise<'applied' | 'already-applied'> {
    const body = (await this.post('/internal/reward-grants', { ...grant, rewards: grant.rewards.map(toGrantedReward) })) as { outcome: 'applied' | 'already-applied' };
    return body.outcome;
  }

  async applyRewardRevocation(revocation: { claimId: string; userId: string; rewards: readonly Reward[]; actorId: string; note: string }) {
    const body = (await this.post('/internal/reward-revocations', { ...revocation, rewards: revocation.rewards.map(toGrantedReward) })) as { outcome: 'applied' | 'already-applied'; shortfall: boolean | null };
    return { outcome: body.outcome, shortfall: body.shortfall };
  }

  /** Closes the keep-alive connections to users (shutdown). */
  close(): Promise<void> {
    return this.transport.close();
  }

  private async post(path: string, payload: unknown): Promise<unknown> {
    let response: JsonAnswer;
    try {
      response = await this.transport.post(path, payload, requestIdHeaders());
    } catch (error) {
      throw new PlayerDirectoryUnavailable(`users service unreachable: ${(error as Error).message}`);
    }
    if (response.status < 200 || response.status >= 300) throw failureOf(path, response.status, response.errorText ?? '');
    return response.body;
  }
}

/**
 * users' answers that mean "this grant can never be applied as sent" (malformed, no such
 * user, a balance would pass its maximum). 401/403 (a wrong service secret), 408, 429 and
 * 5xx are about the moment or the deployment, not the grant: those stay retryable.
 */
const REFUSED_FOR_GOOD = new Set([400, 404, 409, 422]);

function failureOf(path: string, status: number, body: string): Error {
  const detail = `users service answered ${status} on ${path}${body ? `: ${body.slice(0, 300)}` : ''}`;
  return path === '/internal/reward-grants' && REFUSED_FOR_GOOD.has(status) ? new RewardGrantRefused(detail) : new PlayerDirectoryUnavailable(detail);
}
