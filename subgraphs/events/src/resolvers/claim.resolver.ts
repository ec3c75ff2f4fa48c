import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isStaff, toConnection } from '@platform/shared';
import { callerOf, type EventsContext } from '../context';
import { ClaimFilter } from '../schema/claim-filter';
import { ClaimRewardResult } from '../schema/claim-result';
import { Event } from '../schema/event';
import { RewardClaim, RewardClaimConnection } from '../schema/reward-claim';
import { UserReference } from '../schema/user';
import type { ClaimResult } from '../services/claim-service';
import type { ClaimRecord } from '../store/records';

function toClaimRewardResult(result: ClaimResult) {
  return result.granted
    ? { claim: result.claim }
    : { reason: result.reason, message: result.message, attempt: result.claim, claim: result.claim, unmet: result.unmet };
}

@Resolver(() => RewardClaim)
export class RewardClaimResolver {
  @Mutation(() => ClaimRewardResult, { description: 'USER role. Outcomes are data: RewardClaimed or ClaimRejected.' })
  async claimReward(
    @Arg('eventId', () => ID) eventId: string,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null | undefined,
    @Ctx() context: EventsContext,
  ) {
    return toClaimRewardResult(await context.services.claims.claim(callerOf(context), eventId, idempotencyKey ?? null));
  }

  @Mutation(() => RewardClaim, { description: 'ADMIN. A FAILED delivery becomes PENDING and is delivered again; credited at most once.' })
  retryDelivery(@Arg('claimId', () => ID) claimId: string, @Ctx() context: EventsContext) {
    return context.services.claimAdmin.retryDelivery(callerOf(context).userId, claimId);
  }

  @Mutation(() => RewardClaim, { description: 'ADMIN. GRANTED → REVOKED; users debits what is still held of the grant (never below zero). Revoking twice changes nothing.' })
  revokeClaim(@Arg('claimId', () => ID) claimId: string, @Arg('note', () => String) note: string, @Ctx() context: EventsContext) {
    return context.services.revocations.revoke(callerOf(context).userId, claimId, note);
  }

  @Query(() => RewardClaimConnection, { description: 'Newest first. USER callers see their own claims only.' })
  async rewardClaims(
    @Arg('filter', () => ClaimFilter, { nullable: true }) filter: ClaimFilter | null | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() context: EventsContext,
  ) {
    const page = await context.services.claims.list(callerOf(context), filter ?? {}, first, after);
    return { ...toConnection(page), totalCount: page.totalCount };
  }

  /** The claim's event, even if it is no longer public: the claimant may always see it. */
  @FieldResolver(() => Event)
  async event(@Root() claim: ClaimRecord, @Ctx() context: EventsContext) {
    const event = await context.eventById.load(claim.eventId);
    if (!event) throw new Error(`claim ${claim.id} refers to missing event ${claim.eventId}`);
    return event;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why delivery FAILED or keeps failing. Staff only (null for USER).' })
  deliveryError(@Root() claim: ClaimRecord, @Ctx() context: EventsContext): string | null {
    return isStaff(context.auth.caller) ? claim.deliveryError : null;
  }

  @FieldResolver(() => UserReference)
  user(@Root() claim: ClaimRecord): UserReference {
    return { id: claim.userId };
  }
}

@Resolver(() => UserReference)
export class UserRewardClaimsResolver {
  @FieldResolver(() => RewardClaimConnection, { description: 'The user themself, OPERATOR, AUDITOR, ADMIN. Newest first.' })
  async rewardClaims(
    @Root() user: UserReference,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() context: EventsContext,
  ) {
    const page = await context.services.claims.list(callerOf(context), { userId: user.id }, first, after);
    return { ...toConnection(page), totalCount: page.totalCount };
  }
}
