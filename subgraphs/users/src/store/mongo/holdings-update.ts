import { Types } from 'mongoose';
import { MAX_BALANCE } from '../holdings-delta';
import type { HoldingsDelta } from '../records';

/**
 * One conditional `$inc`: the filter demands every balance that goes down is large enough
 * and every one that goes up stays within MAX_BALANCE, so the check and the write are one
 * atomic operation. No match = refused (or no user).
 */
export function buildHoldingsUpdate(userId: string, delta: HoldingsDelta) {
  const filter: Record<string, unknown> = { _id: new Types.ObjectId(userId) };
  const inc: Record<string, number> = {};
  const add = (path: string, change: number) => {
    if (change === 0) return;
    inc[path] = change;
    // A missing item counts as 0: `$not: { $gt }` also matches an absent field.
    filter[path] = change < 0 ? { $gte: -change } : { $not: { $gt: MAX_BALANCE - change } };
  };
  add('holdings.cash', delta.cash);
  add('holdings.coins', delta.coins);
  for (const [id, change] of Object.entries(delta.items)) add(`holdings.items.${id}`, change);
  for (const [id, change] of Object.entries(delta.coupons)) add(`holdings.coupons.${id}`, change);
  return { filter, update: { $inc: inc } };
}
