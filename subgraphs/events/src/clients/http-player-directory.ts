import {
  JsonPostTransport,
  parseInternalAnswer,
  playerTimeZoneFromJson,
  profilesRoute,
  rewardGrantsRoute,
  rewardRevocationsRoute,
  sessionAccountRoute,
  SERVICE_TOKEN_HEADER,
  type CurrentAccount,
  type InternalRequest,
  type InternalRoute,
  type JsonAnswer,
  type ParsedInternalAnswer,
} from '@platform/shared';
import { toGrantedReward, type Reward } from '../schema/rewards';
import type { GrantRevoker } from '../services/grant-revoker';
import { PlayerDirectoryUnavailable, RewardGrantRefused, type PlayerDirectory, type PlayerStanding } from '../services/player-directory';

const toDate = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/** Calls users' internal routes over HTTP with the shared service secret; requests and answers are the shared contract. */
export class HttpPlayerDirectory implements PlayerDirectory, GrantRevoker {
  private readonly transport: JsonPostTransport;

  constructor(usersGraphqlUrl: string, serviceSecret: string, timeoutMs = 3000) {
    this.transport = new JsonPostTransport(usersGraphqlUrl, { [SERVICE_TOKEN_HEADER]: serviceSecret }, { timeoutMs });
  }

  async standings(userIds: readonly string[]): Promise<Map<string, PlayerStanding>> {
    if (userIds.length === 0) return new Map();
    const { users } = await this.call(profilesRoute, { userIds: [...userIds] });
    return new Map(
      users.map((user) => [
        user.id,
        { userId: user.id, bannedUntil: toDate(user.bannedUntil), createdAt: toDate(user.createdAt), profile: user.profile, timeZone: playerTimeZoneFromJson(user.timeZone) },
      ]),
    );
  }

  async currentAccount(caller: { userId: string; sessionId: string }): Promise<CurrentAccount | null> {
    const { account } = await this.call(sessionAccountRoute, { userId: caller.userId, sessionId: caller.sessionId });
    return account ? { roles: account.roles, bannedUntil: toDate(account.bannedUntil) } : null;
  }

  async applyRewardGrant(grant: { grantId: string; userId: string; rewards: readonly Reward[] }): Promise<'applied' | 'already-applied'> {
    return (await this.call(rewardGrantsRoute, { ...grant, rewards: grant.rewards.map(toGrantedReward) })).outcome;
  }

  async applyRewardRevocation(revocation: { claimId: string; userId: string; rewards: readonly Reward[]; actorId: string; note: string }) {
    const { outcome, shortfall } = await this.call(rewardRevocationsRoute, { ...revocation, rewards: revocation.rewards.map(toGrantedReward) });
    return { outcome, shortfall };
  }

  /** Closes the keep-alive connections to users (shutdown). */
  close(): Promise<void> {
    return this.transport.close();
  }

  /** An answer that does not match the contract is users being incompatible: unavailable, retryable, never a crash. */
  private async call<R extends InternalRoute>(route: R, payload: InternalRequest<R>): Promise<ParsedInternalAnswer<R>> {
    let response: JsonAnswer;
    try {
      response = await this.transport.post(route.path, payload);
    } catch (error) {
      throw new PlayerDirectoryUnavailable(`users service unreachable: ${(error as Error).message}`);
    }
    if (response.status < 200 || response.status >= 300) throw failureOf(route.path, response.status, response.errorText ?? '');
    const parsed = parseInternalAnswer(route, response.body);
    if (!parsed.ok) throw new PlayerDirectoryUnavailable(parsed.problem);
    return parsed.value;
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
  return path === rewardGrantsRoute.path && REFUSED_FOR_GOOD.has(status) ? new RewardGrantRefused(detail) : new PlayerDirectoryUnavailable(detail);
}
