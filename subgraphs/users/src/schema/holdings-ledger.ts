import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '@platform/shared';
import type { LedgerReason as LedgerReasonType } from '../store/ledger';
import { CouponHolding, InventoryItem } from './player-profile';

export const LedgerReason = { REWARD_GRANT: 'REWARD_GRANT', ADJUSTMENT: 'ADJUSTMENT', REVOCATION: 'REVOCATION' } as const satisfies Record<LedgerReasonType, LedgerReasonType>;
registerEnumType(LedgerReason, { name: 'LedgerReason', description: 'Why a player\'s holdings changed.' });

@ObjectType({ description: 'One change to a player\'s holdings, written in the same transaction as the change.' })
export class HoldingsLedgerEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => LedgerReason)
  reason!: LedgerReasonType;

  @Field(() => Int)
  cashDelta!: number;

  @Field(() => Int)
  coinsDelta!: number;

  @Field(() => [InventoryItem], { description: 'quantity may be negative here.' })
  itemDeltas!: InventoryItem[];

  @Field(() => [CouponHolding], { description: 'quantity may be negative here.' })
  couponDeltas!: CouponHolding[];

  @Field(() => Int)
  cashAfter!: number;

  @Field(() => Int)
  coinsAfter!: number;

  @Field(() => ID, { nullable: true, description: 'For REWARD_GRANT and REVOCATION.' })
  claimId!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Boolean, { description: 'A revocation could not take back everything (nothing goes below zero).' })
  shortfall!: boolean;

  // Not a field: User resolves `actor` from it.
  actorId!: string | null;
}

@ObjectType()
export class HoldingsLedgerEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => HoldingsLedgerEntry)
  node!: HoldingsLedgerEntry;
}

@ObjectType()
export class HoldingsLedgerConnection {
  @Field(() => [HoldingsLedgerEdge])
  edges!: HoldingsLedgerEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
