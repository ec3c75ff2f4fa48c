import { DomainError, ErrorCode, isHoldingId, isId, isServiceCall, playerTimeZoneToJson, type GrantedReward, type GrantedRewardKind, type GrantedRewardOf, type JsonRoute, type JsonRouteResult, type Logger } from '@platform/shared';
import { toPlayerProfile } from './resolvers/profile-mapper';
import type { AuditTrail } from './services/audit-trail';
import type { AuthService } from './services/auth-service';
import type { HoldingsService } from './services/holdings-service';
import type { TestClockService } from './services/test-clock';
import type { UserAdminService } from './services/user-admin-service';

/**
 * Service-to-service routes for the events subgraph, outside the public GraphQL API and
 * authenticated with the shared service secret, never with a player's token.
 */
export const INTERNAL_PROFILES_PATH = '/internal/profiles';
export const INTERNAL_REWARD_GRANTS_PATH = '/internal/reward-grants';
/** The account behind one access token as it is now, null once its session ended (logOut, revokeSessions, ban). */
export const INTERNAL_SESSION_ACCOUNT_PATH = '/internal/session-account';
/** A revoked claim's debit: applied once per claim id, never before its credit (see UserStore.applyRevocation). */
export const INTERNAL_REWARD_REVOCATIONS_PATH = '/internal/reward-revocations';
/** events' staff actions (createEvent, updateEvent, revokeClaim, retryDelivery), recorded before they take effect. */
export const INTERNAL_AUDIT_ENTRIES_PATH = '/internal/audit-entries';
/** TEST_CLOCK=enabled only: the offset events adopts, so both services share one clock. */
export const INTERNAL_TEST_CLOCK_PATH = '/internal/test-clock';

const MAX_IDS = 500;

function isPositiveInt(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

type RewardFields = Record<string, unknown>;

/** One parser per wire kind: the compiler rejects this table while a kind of GrantedReward lacks one. */
const REWARD_PARSERS: { [K in GrantedRewardKind]: (reward: RewardFields) => GrantedRewardOf<K> | null } = {
  CURRENCY: (reward) =>
    (reward['currency'] === 'CASH' || reward['currency'] === 'COIN') && isPositiveInt(reward['amount']) ? { kind: 'CURRENCY', currency: reward['currency'], amount: reward['amount'] } : null,
  ITEM: (reward) =>
    typeof reward['itemId'] === 'string' && isHoldingId(reward['itemId']) && isPositiveInt(reward['quantity']) ? { kind: 'ITEM', itemId: reward['itemId'], quantity: reward['quantity'] } : null,
  COUPON: (reward) =>
    typeof reward['couponId'] === 'string' && isHoldingId(reward['couponId']) && isPositiveInt(reward['quantity']) ? { kind: 'COUPON', couponId: reward['couponId'], quantity: reward['quantity'] } : null,
};

function parseReward(value: unknown): GrantedReward | null {
  if (typeof value !== 'object' || value === null) return null;
  const reward = value as RewardFields;
  const kind = reward['kind'];
  // An unknown kind is refused (400), never credited as some other kind.
  return typeof kind === 'string' && Object.hasOwn(REWARD_PARSERS, kind) ? REWARD_PARSERS[kind as GrantedRewardKind](reward) : null;
}

/** A database that did not answer in time is a 503 the caller retries, not a 500. */
async function unavailableAs503(work: () => Promise<JsonRouteResult>): Promise<JsonRouteResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.SERVICE_UNAVAILABLE) return { status: 503, body: { error: error.message, retryable: true } };
    throw error;
  }
}

export function internalRoutes(deps: { admin: UserAdminService; holdings: HoldingsService; audit: AuditTrail; auth: AuthService; testClock?: TestClockService; serviceSecret: string; logger: Logger }): Record<string, JsonRoute> {
  const guard =
    (route: JsonRoute): JsonRoute =>
    async (request, body) =>
      isServiceCall(request.headers, deps.serviceSecret) ? route(request, body) : { status: 401, body: { error: 'service credential required' } };

  return {
    [INTERNAL_PROFILES_PATH]: guard(async (_request, body) => {
      const userIds = (body as { userIds?: unknown } | undefined)?.userIds;
      if (!Array.isArray(userIds) || userIds.length > MAX_IDS || !userIds.every((id) => typeof id === 'string')) {
        return { status: 400, body: { error: `userIds must be an array of at most ${MAX_IDS} ids` } };
      }
      const users = await deps.admin.findByIds(userIds as string[]);
      return {
        status: 200,
        body: {
          users: users.map((user) => ({
            id: user.id,
            roles: user.roles,
            bannedUntil: user.bannedUntil?.toISOString() ?? null,
            // For events' challenges on the account's age (the evaluation context).
            createdAt: user.createdAt.toISOString(),
            profile: toPlayerProfile(user.holdings, user.loginStats),
            // The player's days (player-days.ts), for events' daily and weekly periods.
            timeZone: playerTimeZoneToJson(user.timeZone),
          })),
        },
      };
    }),

    [INTERNAL_SESSION_ACCOUNT_PATH]: guard(async (_request, body) => {
      const input = (body ?? {}) as { userId?: unknown; sessionId?: unknown };
      if (typeof input.userId !== 'string' || !isId(input.userId) || typeof input.sessionId !== 'string' || !input.sessionId) {
        return { status: 400, body: { error: 'expected { userId, sessionId }' } };
      }
      const user = await deps.auth.currentAccount({ userId: input.userId, sessionId: input.sessionId });
      return { status: 200, body: { account: user ? { roles: user.roles, bannedUntil: user.bannedUntil?.toISOString() ?? null } : null } };
    }),

    [INTERNAL_REWARD_GRANTS_PATH]: guard(async (_request, body) => unavailableAs503(async () => {
      const input = (body ?? {}) as { grantId?: unknown; userId?: unknown; rewards?: unknown };
      const rewards = Array.isArray(input.rewards) ? input.rewards.map(parseReward) : null;
      if (typeof input.grantId !== 'string' || !input.grantId || typeof input.userId !== 'string' || !isId(input.userId) || !rewards || rewards.includes(null)) {
        return { status: 400, body: { error: 'expected { grantId, userId, rewards: [{ kind, ... }] }' } };
      }
      const result = await deps.holdings.applyRewardGrant(input.grantId, input.userId, rewards as GrantedReward[]);
      if (result.outcome === 'user-not-found') return { status: 404, body: { error: 'no such user' } };
      if (result.outcome === 'refused') {
        deps.logger.warn('reward grant refused: a balance would exceed its maximum', { grantId: input.grantId, userId: input.userId });
        return { status: 409, body: { error: 'a balance would exceed its maximum; nothing was credited' } };
      }
      deps.logger.info('reward grant applied', { grantId: input.grantId, userId: input.userId, outcome: result.outcome });
      return { status: 200, body: { outcome: result.outcome } };
    })),

    [INTERNAL_REWARD_REVOCATIONS_PATH]: guard(async (_request, body) => unavailableAs503(async () => {
      const input = (body ?? {}) as { claimId?: unknown; userId?: unknown; rewards?: unknown; actorId?: unknown; note?: unknown };
      const rewards = Array.isArray(input.rewards) ? input.rewards.map(parseReward) : null;
      const actorId = typeof input.actorId === 'string' && isId(input.actorId) ? input.actorId : null;
      const note = typeof input.note === 'string' ? input.note.slice(0, 500) : null;
      if (typeof input.claimId !== 'string' || !input.claimId || input.claimId.length > 128 || typeof input.userId !== 'string' || !isId(input.userId) || !rewards || rewards.includes(null)) {
        return { status: 400, body: { error: 'expected { claimId, userId, rewards: [{ kind, ... }], actorId, note }' } };
      }
      const result = await deps.holdings.applyRevocation({ claimId: input.claimId, userId: input.userId, rewards: rewards as GrantedReward[], actorId, note });
      if (result.outcome === 'user-not-found') return { status: 404, body: { error: 'no such user' } };
      deps.logger.info('reward revocation applied', { claimId: input.claimId, userId: input.userId, outcome: result.outcome });
      return { status: 200, body: { outcome: result.outcome, shortfall: result.outcome === 'applied' ? result.entry.shortfall : null } };
    })),

    [INTERNAL_AUDIT_ENTRIES_PATH]: guard(async (_request, body) => unavailableAs503(async () => {
      const input = (body ?? {}) as Record<string, unknown>;
      const text = (name: string, max: number) => (typeof input[name] === 'string' && (input[name] as string).length > 0 && (input[name] as string).length <= max ? (input[name] as string) : null);
      const actorId = text('actorId', 24);
      const action = text('action', 64);
      const targetType = text('targetType', 64);
      const targetId = text('targetId', 128);
      const summary = text('summary', 1000);
      const at = typeof input['at'] === 'string' ? new Date(input['at']) : null;
      if (!actorId || !isId(actorId) || !action || !targetType || !targetId || !summary || !at || Number.isNaN(at.getTime())) {
        return { status: 400, body: { error: 'expected { actorId, action, targetType, targetId, summary, at }' } };
      }
      // The request id arrives as the x-request-id header: the route runs in its scope.
      const entry = await deps.audit.record({ actorId, action, targetType, targetId, summary, at });
      return { status: 201, body: { id: entry.id, seq: entry.seq, hash: entry.hash } };
    })),

    [INTERNAL_TEST_CLOCK_PATH]: guard(async () => {
      const state = (await deps.testClock?.state()) ?? null;
      return state ? { status: 200, body: state } : { status: 404, body: { error: 'the test clock is disabled' } };
    }),
  };
}
