import type { HoldingsAdjustmentInput } from '@platform/client';

/** Deltas typed by a person → the API's input; empty fields change nothing. */
export function holdingsAdjustment(fields: { cash: string; coins: string; itemId: string; itemQuantity: string }): HoldingsAdjustmentInput {
  const input: HoldingsAdjustmentInput = {};
  if (fields.cash.trim()) input.cash = Number(fields.cash);
  if (fields.coins.trim()) input.coins = Number(fields.coins);
  if (fields.itemId.trim() && fields.itemQuantity.trim()) input.items = [{ itemId: fields.itemId.trim(), quantity: Number(fields.itemQuantity) }];
  return input;
}
