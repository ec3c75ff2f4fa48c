import { newId } from '@platform/shared';
import { countOf } from './holdings-delta';
import { emptyHoldings, type Counts, type Holdings, type HoldingsDelta } from './records';

export type LedgerReason = 'REWARD_GRANT' | 'ADJUSTMENT' | 'REVOCATION';
export const LEDGER_REASONS: readonly LedgerReason[] = ['REWARD_GRANT', 'ADJUSTMENT', 'REVOCATION'];

/** One change to a player's holdings, written in the same transaction as the change. */
export interface LedgerEntryRecord {
  id: string;
  userId: string;
  at: Date;
  reason: LedgerReason;
  delta: HoldingsDelta;
  /** The holdings right after this change. */
  after: Holdings;
  claimId: string | null;
  actorId: string | null;
  note: string | null;
  /** A revocation could not take back everything (nothing goes below zero). */
  shortfall: boolean;
}

/** Who made a staff change, why and when; absent fields are null / the current time. */
export interface LedgerStamp {
  at?: Date;
  actorId?: string | null;
  note?: string | null;
}

/** Newest first; ids smaller than `beforeId`. */
export interface LedgerQuery {
  reason?: LedgerReason;
  beforeId?: string;
  limit: number;
}

/** What a revocation takes back: the grant's delta negated. */
export interface RevocationRequest {
  /** Idempotency key: a second request with the same id changes nothing. */
  revocationId: string;
  userId: string;
  claimId: string;
  /** What the grant credited (positive counts). */
  granted: HoldingsDelta;
  stamp: LedgerStamp;
}

export type RevocationApplication =
  | { outcome: 'applied'; entry: LedgerEntryRecord }
  | { outcome: 'already-applied' }
  | { outcome: 'user-not-found' };

export function ledgerEntry(
  userId: string,
  reason: LedgerReason,
  delta: HoldingsDelta,
  after: Holdings,
  fields: { claimId?: string | null; stamp?: LedgerStamp; shortfall?: boolean } = {},
): LedgerEntryRecord {
  return {
    id: newId(),
    userId,
    at: fields.stamp?.at ?? new Date(),
    reason,
    delta: cleanDelta(delta),
    after,
    claimId: fields.claimId ?? null,
    actorId: fields.stamp?.actorId ?? null,
    note: fields.stamp?.note ?? null,
    shortfall: fields.shortfall ?? false,
  };
}

const nonZero = (counts: Counts): Counts => Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

function cleanDelta(delta: HoldingsDelta): HoldingsDelta {
  return { cash: delta.cash, coins: delta.coins, items: nonZero(delta.items), coupons: nonZero(delta.coupons) };
}

/**
 * The debit that takes back `granted` as far as the player still holds it: each balance
 * goes down by min(held, granted), never below zero; `shortfall` when anything stayed.
 */
export function revocationDebit(holdings: Holdings, granted: HoldingsDelta): { delta: HoldingsDelta; shortfall: boolean } {
  let shortfall = false;
  const take = (held: number, owed: number) => {
    const taken = Math.min(held, Math.max(owed, 0));
    if (taken < owed) shortfall = true;
    return -taken;
  };
  const counts = (held: Counts, owed: Counts): Counts =>
    Object.fromEntries(Object.entries(owed).map(([id, n]) => [id, take(countOf(held, id), n)]));
  const delta = {
    cash: take(holdings.cash, granted.cash),
    coins: take(holdings.coins, granted.coins),
    items: counts(holdings.items, granted.items),
    coupons: counts(holdings.coupons, granted.coupons),
  };
  return { delta: cleanDelta(delta), shortfall };
}

export function isEmptyDelta(delta: HoldingsDelta): boolean {
  return [delta.cash, delta.coins, ...Object.values(delta.items), ...Object.values(delta.coupons)].every((n) => n === 0);
}

/** The holdings a player's ledger adds up to, from empty (any order: deltas commute). */
export function replayLedger(entries: readonly LedgerEntryRecord[]): Holdings {
  const total: HoldingsDelta = emptyHoldings();
  for (const entry of entries) {
    total.cash += entry.delta.cash;
    total.coins += entry.delta.coins;
    for (const [id, n] of Object.entries(entry.delta.items)) total.items[id] = countOf(total.items, id) + n;
    for (const [id, n] of Object.entries(entry.delta.coupons)) total.coupons[id] = countOf(total.coupons, id) + n;
  }
  return cleanDelta(total);
}
