import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@platform/shared';
import { eventsPermissions } from './permissions';
import { RewardClaimResolver, UserRewardClaimsResolver } from './resolvers/claim.resolver';
import { eventReference } from './resolvers/event.reference';
import { EventResolver } from './resolvers/event.resolver';
import { EventStatsResolver } from './resolvers/event-stats.resolver';
import { rewardClaimReference } from './resolvers/reward-claim.reference';
import { userReference } from './resolvers/user.reference';
import { CHALLENGE_CLASSES } from './schema/challenges';
import { REWARD_CLASSES } from './schema/rewards';

let built: Promise<GraphQLSchema> | undefined;

/** The events subgraph schema; built once per process (type-graphql metadata is global). */
export function buildEventsSchema(): Promise<GraphQLSchema> {
  built ??= buildFederatedSchema({
    resolvers: [EventResolver, EventStatsResolver, RewardClaimResolver, UserRewardClaimsResolver],
    orphanedTypes: [...CHALLENGE_CLASSES, ...REWARD_CLASSES],
    referenceResolvers: { ...eventReference, ...rewardClaimReference, ...userReference },
    permissions: eventsPermissions,
  });
  return built;
}
