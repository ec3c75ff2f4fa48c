/**
 * A reward as events grants it and users credits it: the wire shape of
 * /internal/reward-grants. `kind` is explicit; nothing is recognised by its fields. A new
 * reward type adds its variant here, and the compiler then asks for it wherever a mapping
 * over GrantedRewardKind must be exhaustive (the internal contract's reward schemas, users' crediting).
 */
export type GrantedReward =
  | { kind: 'CURRENCY'; currency: 'CASH' | 'COIN'; amount: number }
  | { kind: 'ITEM'; itemId: string; quantity: number }
  | { kind: 'COUPON'; couponId: string; quantity: number };

export type GrantedRewardKind = GrantedReward['kind'];

/** The variant of GrantedReward with this kind. */
export type GrantedRewardOf<K extends GrantedRewardKind> = Extract<GrantedReward, { kind: K }>;

/** For exhaustive switches: the compiler rejects the call while a kind is unhandled. */
export function unhandledKind(value: never): never {
  throw new Error(`unhandled kind: ${JSON.stringify(value)}`);
}
