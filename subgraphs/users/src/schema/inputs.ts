import { Field, InputType, Int } from 'type-graphql';

@InputType()
export class CredentialsInput {
  @Field(() => String, { description: '3–32 chars, [a-zA-Z0-9_.-]' })
  username!: string;

  @Field(() => String, { description: '8–128 chars' })
  password!: string;

  @Field(() => String, { nullable: true, defaultValue: 'default', description: 'One live session per (user, device).' })
  deviceId?: string | null;
}

@InputType()
export class ItemDeltaInput {
  @Field(() => String)
  itemId!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType()
export class CouponDeltaInput {
  @Field(() => String)
  couponId!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType({ description: 'Deltas; the result may not go below zero.' })
export class HoldingsAdjustmentInput {
  @Field(() => Int, { nullable: true })
  cash?: number | null;

  @Field(() => Int, { nullable: true })
  coins?: number | null;

  @Field(() => [ItemDeltaInput], { nullable: true })
  items?: ItemDeltaInput[] | null;

  @Field(() => [CouponDeltaInput], { nullable: true })
  coupons?: CouponDeltaInput[] | null;

  @Field(() => String, { nullable: true, description: 'Why the staff member adjusted (required, up to 500 characters); recorded in the ledger.' })
  note?: string | null;
}
