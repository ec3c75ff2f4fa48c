import type { HoldingsDelta } from '../store/records';

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

/** e.g. "cash +100, coins -5, item potion +3, coupon vip +1; note: refund for ticket 42" */
export function adjustmentSummary(delta: HoldingsDelta, note: string): string {
  const parts = [
    ...(delta.cash ? [`cash ${signed(delta.cash)}`] : []),
    ...(delta.coins ? [`coins ${signed(delta.coins)}`] : []),
    ...Object.entries(delta.items).map(([id, n]) => `item ${id} ${signed(n)}`),
    ...Object.entries(delta.coupons).map(([id, n]) => `coupon ${id} ${signed(n)}`),
  ];
  return `${parts.join(', ')}; note: ${note}`;
}

/** e.g. "roles USER → USER, OPERATOR" */
export const rolesSummary = (before: readonly string[], after: readonly string[]) => `roles ${before.join(', ')} → ${after.join(', ')}`;

export const banSummary = (until: Date | null) => (until ? `banned until ${until.toISOString()}; every session ended` : 'ban lifted');
