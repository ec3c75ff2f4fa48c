import type { Counts, Holdings, HoldingsDelta } from './records';

/** GraphQL Int's maximum: a balance beyond it could no longer be read back. */
export const MAX_BALANCE = 2_147_483_647;

/** Own entries only: an id like "toString" must not read Object.prototype. */
export function countOf(counts: Counts, id: string): number {
  return Object.hasOwn(counts, id) ? (counts[id] ?? 0) : 0;
}

function addCounts(current: Counts, delta: Counts): Counts | null {
  const next: Counts = { ...current };
  for (const [id, change] of Object.entries(delta)) {
    const value = countOf(next, id) + change;
    if (value < 0 || value > MAX_BALANCE) return null;
    if (value === 0) delete next[id];
    else next[id] = value;
  }
  return next;
}

/** The holdings after `delta`, or null when any balance would leave 0..MAX_BALANCE. */
export function applyHoldingsDelta(holdings: Holdings, delta: HoldingsDelta): Holdings | null {
  const cash = holdings.cash + delta.cash;
  const coins = holdings.coins + delta.coins;
  const items = addCounts(holdings.items, delta.items);
  const coupons = addCounts(holdings.coupons, delta.coupons);
  if (cash < 0 || coins < 0 || cash > MAX_BALANCE || coins > MAX_BALANCE || !items || !coupons) return null;
  return { cash, coins, items, coupons };
}

/** Drops zero entries, which conditional `$inc` updates leave behind in MongoDB. */
export function withoutZeroCounts(holdings: Holdings): Holdings {
  const clean = (counts: Counts) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
  return { ...holdings, items: clean(holdings.items), coupons: clean(holdings.coupons) };
}
