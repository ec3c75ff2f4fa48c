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

@ObjectType({ description: 'Calendar days are counted in the game time zone (GAME_TIME_ZONE).' })
export class LoginStats {
  @Field(() => Int, { description: 'Successful logIn calls (refresh and signUp do not count).' })
  totalLogins!: number;

  @Field(() => Int, { description: 'Distinct calendar days with a login.' })
  loginDays!: number;

  @Field(() => Int, { description: 'Consecutive days ending with the latest login day.' })
  currentStreak!: number;

  @Field(() => Date, { nullable: true })
  lastLoginAt!: Date | null;

  @Field(() => Int, { description: 'Calendar days between the two most recent logins (0 on the same day).' })
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
