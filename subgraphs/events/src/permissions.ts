import { allow, rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { anyRole, buildPermissions, currentRoleRules, forbidden, isSignedIn, isStaff, Role, unauthenticated } from '@platform/shared';
import type { EventsContext } from './context';
import { CHALLENGE_CLASSES } from './schema/challenges';
import { REWARD_CLASSES } from './schema/rewards';
import type { UserReference } from './schema/user';

/** Depends on the parent, so never cached across fields (graphql-shield #349). */
const isSelfOrStaff = rule('isSelfOrStaff', { cache: 'no_cache' })((user: UserReference, _args, context: EventsContext) => {
  const caller = context.auth.caller;
  if (!caller) return context.auth.tokenError ?? unauthenticated();
  return caller.userId === user.id || isStaff(caller) ? true : forbidden("Only the player and staff may see a player's claims.");
});

/**
 * Publishing and editing events re-check the operator's account and session with users: a
 * demoted, banned or logged-out operator's unexpired token must not keep those powers.
 * Fails closed when users cannot answer.
 */
const currentRole = currentRoleRules<EventsContext>(
  'events',
  (_caller, context) => context.callerAccount(),
  (context) => context.services.clock.now(),
);
const operatorOrAdmin = currentRole(Role.OPERATOR, Role.ADMIN);
const admin = currentRole(Role.ADMIN);

/** The role table of API.graphql for what events owns. */
export const EVENTS_RULES: IRules & Record<string, unknown> = {
  Query: {
    event: isSignedIn,
    events: isSignedIn,
    rewardClaims: isSignedIn,
    _service: allow,
    _entities: isSignedIn,
  },
  Mutation: {
    createEvent: operatorOrAdmin,
    updateEvent: operatorOrAdmin,
    claimReward: anyRole(Role.USER),
    retryDelivery: admin,
    revokeClaim: admin,
  },
  User: { id: allow, rewardClaims: isSelfOrStaff },
  Event: allow,
  EventConnection: allow,
  EventEdge: allow,
  PageInfo: allow,
  ChallengeProgress: allow,
  // Every member of the Challenge and Reward unions, from their registries: public data.
  ...Object.fromEntries([...CHALLENGE_CLASSES, ...REWARD_CLASSES].map((type) => [type.name, allow])),
  RewardClaim: allow,
  RewardClaimEdge: allow,
  RewardClaimConnection: allow,
  RewardClaimed: allow,
  ClaimRejected: allow,
  EventStats: allow,
  ReasonCount: allow,
  StatsPoint: allow,
  _Service: allow,
} satisfies IRules;

export const eventsPermissions = buildPermissions(EVENTS_RULES);
