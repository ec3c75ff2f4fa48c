import { Types } from 'mongoose';
import type { HoldingsDelta } from '../records';

/**
 * One conditional `$inc`: the filter demands every balance that goes down is large enough,
 * so the check and the write are one atomic operation. No match = refused (or no user).
 */
export function buildHoldingsUpdate(userId: string, delta: HoldingsDelta) {
  const filter: Record<string, unknown> = { _id: new Types.ObjectId(userId) };
  const inc: Record<string, number> = {};
  const add = (path: string, change: number) => {
    if (change === 0) return;
    inc[path] = change;
    if (change < 0) filter[path] = { $gte: -change };
  };
  add('holdings.cash', delta.cash);
  add('holdings.coins', delta.coins);
  for (const [id, change] of Object.entries(delta.items)) add(`holdings.items.${id}`, change);
  for (const [id, change] of Object.entries(delta.coupons)) add(`holdings.coupons.${id}`, change);
  return { filter, update: { $inc: inc } };
}
