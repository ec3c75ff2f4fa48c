import { z } from 'zod';
import { HOLDING_ID_RULE, isHoldingId } from '../ids';
import type { GrantedReward, GrantedRewardKind, GrantedRewardOf } from '../reward-grant';

const positiveCount = z.number().int().positive();
const holdingId = z.string().refine(isHoldingId, { message: `a holding id is ${HOLDING_ID_RULE}` });

/** One schema per wire kind: the compiler rejects this table while a kind of GrantedReward lacks one. */
const REWARD_SCHEMAS = {
  CURRENCY: z.object({ kind: z.literal('CURRENCY'), currency: z.enum(['CASH', 'COIN']), amount: positiveCount }),
  ITEM: z.object({ kind: z.literal('ITEM'), itemId: holdingId, quantity: positiveCount }),
  COUPON: z.object({ kind: z.literal('COUPON'), couponId: holdingId, quantity: positiveCount }),
} satisfies { [K in GrantedRewardKind]: z.ZodType<GrantedRewardOf<K>> };

/** A reward as events grants or revokes it. An unknown kind is refused, never credited as some other kind. */
export const grantedRewardSchema = z.discriminatedUnion('kind', [REWARD_SCHEMAS.CURRENCY, REWARD_SCHEMAS.ITEM, REWARD_SCHEMAS.COUPON]) satisfies z.ZodType<GrantedReward>;
