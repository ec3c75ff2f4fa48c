import {
  auditEntriesRoute,
  DomainError,
  ErrorCode,
  isServiceCall,
  parseInternalRequest,
  playerTimeZoneToJson,
  profilesRoute,
  rewardGrantsRoute,
  rewardRevocationsRoute,
  sessionAccountRoute,
  testClockRoute,
  type InternalAnswer,
  type InternalRoute,
  type JsonRoute,
  type JsonRouteResult,
  type Logger,
  type ParsedInternalRequest,
} from '@platform/shared';
import type { IncomingMessage } from 'node:http';
import { toPlayerProfile } from './resolvers/profile-mapper';
import type { AuditTrail } from './services/audit-trail';
import type { AuthService } from './services/auth-service';
import type { HoldingsService } from './services/holdings-service';
import type { TestClockService } from './services/test-clock';
import type { UserAdminService } from './services/user-admin-service';

/**
 * Service-to-service routes for the events subgraph, outside the public GraphQL API and
 * authenticated with the shared service secret, never with a player's token. Their paths,
 * requests and answers are the shared contract (@platform/shared internal-contract).
 */
export const INTERNAL_PROFILES_PATH = profilesRoute.path;
export const INTERNAL_REWARD_GRANTS_PATH = rewardGrantsRoute.path;
export const INTERNAL_SESSION_ACCOUNT_PATH = sessionAccountRoute.path;
export const INTERNAL_REWARD_REVOCATIONS_PATH = rewardRevocationsRoute.path;
export const INTERNAL_AUDIT_ENTRIES_PATH = auditEntriesRoute.path;
export const INTERNAL_TEST_CLOCK_PATH = testClockRoute.path;

/** A database that did not answer in time is a 503 the caller retries, not a 500. */
async function unavailableAs503(work: () => Promise<JsonRouteResult>): Promise<JsonRouteResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.SERVICE_UNAVAILABLE) return { status: 503, body: { error: error.message, retryable: true } };
    throw error;
  }
}

/** A successful answer, checked against the contract by the compiler. */
const answer = <R extends InternalRoute>(_route: R, status: 200 | 201, body: InternalAnswer<R>): JsonRouteResult => ({ status, body });

type Handler<R extends InternalRoute> = (input: ParsedInternalRequest<R>, request: IncomingMessage) => Promise<JsonRouteResult>;

export function internalRoutes(deps: { admin: UserAdminService; holdings: HoldingsService; audit: AuditTrail; auth: AuthService; testClock?: TestClockService; serviceSecret: string; logger: Logger }): Record<string, JsonRoute> {
  /** The service credential first (401), then the contract's request schema (400 with the issues). */
  const route =
    <R extends InternalRoute>(contract: R, handle: Handler<R>): JsonRoute =>
    async (request, body) => {
      if (!isServiceCall(request.headers, deps.serviceSecret)) return { status: 401, body: { error: 'service credential required' } };
      const parsed = parseInternalRequest(contract, body);
      return parsed.ok ? handle(parsed.value, request) : { status: 400, body: { error: parsed.problem } };
    };

  return {
    [profilesRoute.path]: route(profilesRoute, async ({ userIds }) => {
      const users = await deps.admin.findByIds(userIds);
      return answer(profilesRoute, 200, {
        users: users.map((user) => {
          const profile = toPlayerProfile(user.holdings, user.loginStats);
          return {
            id: user.id,
            roles: user.roles,
            bannedUntil: user.bannedUntil?.toISOString() ?? null,
            // For events' challenges on the account's age (the evaluation context).
            createdAt: user.createdAt.toISOString(),
            profile: { ...profile, loginStats: { ...profile.loginStats, lastLoginAt: profile.loginStats.lastLoginAt?.toISOString() ?? null } },
            // The player's days (player-days.ts), for events' daily and weekly periods.
            timeZone: playerTimeZoneToJson(user.timeZone),
          };
        }),
      });
    }),

    [sessionAccountRoute.path]: route(sessionAccountRoute, async (caller) => {
      const user = await deps.auth.currentAccount(caller);
      return answer(sessionAccountRoute, 200, { account: user ? { roles: user.roles, bannedUntil: user.bannedUntil?.toISOString() ?? null } : null });
    }),

    [rewardGrantsRoute.path]: route(rewardGrantsRoute, async ({ grantId, userId, rewards }) =>
      unavailableAs503(async () => {
        const result = await deps.holdings.applyRewardGrant(grantId, userId, rewards);
        if (result.outcome === 'user-not-found') return { status: 404, body: { error: 'no such user' } };
        if (result.outcome === 'refused') {
          deps.logger.warn('reward grant refused: a balance would exceed its maximum', { grantId, userId });
          return { status: 409, body: { error: 'a balance would exceed its maximum; nothing was credited' } };
        }
        deps.logger.info('reward grant applied', { grantId, userId, outcome: result.outcome });
        return answer(rewardGrantsRoute, 200, { outcome: result.outcome });
      }),
    ),

    [rewardRevocationsRoute.path]: route(rewardRevocationsRoute, async (revocation) =>
      unavailableAs503(async () => {
        const result = await deps.holdings.applyRevocation(revocation);
        if (result.outcome === 'user-not-found') return { status: 404, body: { error: 'no such user' } };
        deps.logger.info('reward revocation applied', { claimId: revocation.claimId, userId: revocation.userId, outcome: result.outcome });
        return answer(rewardRevocationsRoute, 200, { outcome: result.outcome, shortfall: result.outcome === 'applied' ? result.entry.shortfall : null });
      }),
    ),

    [auditEntriesRoute.path]: route(auditEntriesRoute, async (entry) =>
      unavailableAs503(async () => {
        // The request id arrives as the x-request-id header: the route runs in its scope.
        const recorded = await deps.audit.record(entry);
        return answer(auditEntriesRoute, 201, { id: recorded.id, seq: recorded.seq, hash: recorded.hash });
      }),
    ),

    [testClockRoute.path]: route(testClockRoute, async () => {
      const state = (await deps.testClock?.state()) ?? null;
      return state ? answer(testClockRoute, 200, state) : { status: 404, body: { error: 'the test clock is disabled' } };
    }),
  };
}
