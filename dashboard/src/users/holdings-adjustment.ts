import type { HoldingsAdjustmentInput } from '@platform/client';

/** Deltas typed by a person → the API's input; empty fields change nothing. */
export function holdingsAdjustment(fields: { cash: string; coins: string; itemId: string; itemQuantity: string }): HoldingsAdjustmentInput {
  const input: HoldingsAdjustmentInput = {};
  if (fields.cash.trim()) input.cash = Number(fields.cash);
  if (fields.coins.trim()) input.coins = Number(fields.coins);
  if (fields.itemId.trim() && fields.itemQuantity.trim()) input.items = [{ itemId: fields.itemId.trim(), quantity: Number(fields.itemQuantity) }];
  return input;
}

/**
 * The whole adjustment, or why it cannot be sent yet: the API refuses an adjustment that
 * changes nothing or has no note (the note is recorded in the player's holdings ledger).
 */
export function adjustmentToSend(fields: { cash: string; coins: string; itemId: string; itemQuantity: string; note: string }): { input: HoldingsAdjustmentInput } | { missing: string } {
  const deltas = holdingsAdjustment(fields);
  if (Object.keys(deltas).length === 0) return { missing: 'Enter at least one change.' };
  const note = fields.note.trim();
  if (!note) return { missing: 'Say why in the note: it is recorded in the ledger.' };
  return { input: { ...deltas, note } };
}
