import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { toConnection } from '@platform/shared';
import type { UsersContext } from '../context';
import type { LedgerEntryRecord, LedgerReason as LedgerReasonType } from '../store/ledger';
import type { Counts } from '../store/records';
import { HoldingsLedgerConnection, HoldingsLedgerEntry, LedgerReason } from '../schema/holdings-ledger';
import { User } from '../schema/user';

const sorted = (counts: Counts) => Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function toLedgerEntry(entry: LedgerEntryRecord): HoldingsLedgerEntry {
  return {
    id: entry.id,
    at: entry.at,
    reason: entry.reason,
    cashDelta: entry.delta.cash,
    coinsDelta: entry.delta.coins,
    itemDeltas: sorted(entry.delta.items).map(([itemId, quantity]) => ({ itemId, quantity })),
    couponDeltas: sorted(entry.delta.coupons).map(([couponId, quantity]) => ({ couponId, quantity })),
    cashAfter: entry.after.cash,
    coinsAfter: entry.after.coins,
    claimId: entry.claimId,
    note: entry.note,
    shortfall: entry.shortfall,
    actorId: entry.actorId,
  };
}

@Resolver(() => User)
export class UserLedgerResolver {
  @FieldResolver(() => HoldingsLedgerConnection, { description: 'The user themself, OPERATOR, AUDITOR, ADMIN. Newest first.' })
  async holdingsLedger(
    @Root() user: User,
    @Arg('reason', () => LedgerReason, { nullable: true }) reason: LedgerReasonType | null | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() context: UsersContext,
  ): Promise<HoldingsLedgerConnection> {
    const page = await context.services.holdings.ledger(user.id, { reason: reason ?? null, first: first ?? null, after: after ?? null });
    return toConnection(page, toLedgerEntry);
  }
}

@Resolver(() => HoldingsLedgerEntry)
export class HoldingsLedgerEntryResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The staff member, for ADJUSTMENT and REVOCATION.' })
  actor(@Root() entry: HoldingsLedgerEntry, @Ctx() context: UsersContext) {
    return entry.actorId ? context.userById.load(entry.actorId) : null;
  }
}
