import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One entry per itemId, quantity > 0.' })
export class InventoryItem {
  @Field(() => String)
  itemId!: string;

  @Field(() => Int)
  quantity!: number;
}

@ObjectType()
export class CouponHolding {
  @Field(() => String)
  couponId!: string;

  @Field(() => Int)
  quantity!: number;
}

@ObjectType({
  description:
    "Play sessions and the player's local days. A play session is a signUp, a logIn, or a refreshSession after SESSION_GAP_MINUTES (default 30) without activity (the last signUp, logIn or refreshSession on any device). Days are the player's own calendar days (User.timeZone, GAME_TIME_ZONE by default).",
})
export class LoginStats {
  @Field(() => Int, { description: 'Play sessions: signUp, logIn, and refreshSession after SESSION_GAP_MINUTES away.' })
  totalLogins!: number;

  @Field(() => Int, { description: "Distinct local days with a play session." })
  loginDays!: number;

  @Field(() => Int, { description: 'Consecutive local days with a play session, ending with the latest one.' })
  currentStreak!: number;

  @Field(() => Date, { nullable: true, description: 'Start of the latest play session.' })
  lastLoginAt!: Date | null;

  @Field(() => Int, {
    description: 'Local days between the latest play-session day and the one before it; later sessions on the same day keep it (a returning player stays returning all day).',
  })
  daysAwayBeforeLastLogin!: number;
}

@ObjectType()
export class PlayerProfile {
  @Field(() => Int)
  cash!: number;

  @Field(() => Int)
  coins!: number;

  @Field(() => [InventoryItem])
  inventory!: InventoryItem[];

  @Field(() => [CouponHolding])
  coupons!: CouponHolding[];

  @Field(() => LoginStats)
  loginStats!: LoginStats;
}
