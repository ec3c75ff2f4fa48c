import { badInput, decodeIdCursor, encodeCursor, HOLDING_ID_RULE, isHoldingId, notFound, pageSize, toPage, unhandledKind, type Clock, type GrantedReward, type Page } from '@platform/shared';
import { applyHoldingsDelta, countOf, MAX_BALANCE } from '../store/holdings-delta';
import type { AuditRecorder } from './audit-trail';
import { adjustmentSummary } from './audit-summaries';
import { isEmptyDelta, type LedgerEntryRecord, type LedgerReason, type RevocationApplication } from '../store/ledger';
import type { UserStore } from '../store/ports';
import { emptyHoldings, type Counts, type Holdings, type HoldingsDelta } from '../store/records';

export interface HoldingsAdjustment {
  cash?: number | null;
  coins?: number | null;
  /** Why: required for staff adjustments, recorded on the ledger entry. */
  note?: string | null;
  items?: readonly { itemId: string; quantity: number }[] | null;
  coupons?: readonly { couponId: string; quantity: number }[] | null;
}

/** A reward as events grants it: the shared wire shape, with an explicit kind. */
export type { GrantedReward } from '@platform/shared';

export const MAX_NOTE_LENGTH = 500;

/** A staff member's reason for a change: required, trimmed, bounded. */
export function requiredNote(note: string | null | undefined, field: string): string {
  const trimmed = (note ?? '').trim();
  if (!trimmed) throw badInput('A note is required: say why (it is recorded in the ledger).', field);
  if (trimmed.length > MAX_NOTE_LENGTH) throw badInput(`The note may be at most ${MAX_NOTE_LENGTH} characters.`, field);
  return trimmed;
}

export interface LedgerPage extends Page<LedgerEntryRecord> {
  cursorOf(entry: LedgerEntryRecord): string;
}

function counts(entries: readonly { id: string; quantity: number }[], field: string, idName: string): Counts {
  const result: Counts = {};
  entries.forEach(({ id, quantity }, index) => {
    if (!isHoldingId(id)) throw badInput(`${idName} must be ${HOLDING_ID_RULE}.`, `${field}[${index}].${idName}`);
    if (Object.hasOwn(result, id)) throw badInput(`${idName} "${id}" is listed twice.`, `${field}[${index}].${idName}`);
    result[id] = quantity;
  });
  return result;
}

/** Which balance refused the change, for the error message. */
function describeShortfall(holdings: Holdings, delta: HoldingsDelta): string {
  const balances: [string, number, number][] = [
    ['cash', holdings.cash, delta.cash],
    ['coins', holdings.coins, delta.coins],
    ...Object.entries(delta.items).map(([id, change]): [string, number, number] => [`item "${id}"`, countOf(holdings.items, id), change]),
    ...Object.entries(delta.coupons).map(([id, change]): [string, number, number] => [`coupon "${id}"`, countOf(holdings.coupons, id), change]),
  ];
  for (const [name, current, change] of balances) {
    if (current + change < 0) return `${name} would go below zero (has ${current}).`;
    if (current + change > MAX_BALANCE) return `${name} would exceed ${MAX_BALANCE} (has ${current}).`;
  }
  return 'a balance would leave its range.';
}

/** The player's cash, coins, items and coupons: operator adjustments and reward grants. */
export class HoldingsService {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
    /** Staff adjustments are recorded before they are made (see AuditTrail). */
    private readonly audit: AuditRecorder,
  ) {}

  async adjust(actorId: string, userId: string, input: HoldingsAdjustment): Promise<Holdings> {
    const delta: HoldingsDelta = {
      cash: input.cash ?? 0,
      coins: input.coins ?? 0,
      items: counts((input.items ?? []).map((i) => ({ id: i.itemId, quantity: i.quantity })), 'input.items', 'itemId'),
      coupons: counts((input.coupons ?? []).map((c) => ({ id: c.couponId, quantity: c.quantity })), 'input.coupons', 'couponId'),
    };
    if (isEmptyDelta(delta)) throw badInput('The adjustment changes nothing.', 'input');
    const note = requiredNote(input.note, 'input.note');
    // Refuse what the current balances already refuse before auditing it; the store
    // re-checks atomically (a concurrent change can still refuse an audited attempt).
    const current = await this.users.findById(userId);
    if (!current) throw notFound(`No user with id "${userId}".`);
    if (!applyHoldingsDelta(current.holdings, delta)) throw badInput(`Nothing was changed: ${describeShortfall(current.holdings, delta)}`, 'input');
    await this.audit.record({ actorId, action: 'adjustHoldings', targetType: 'User', targetId: userId, summary: adjustmentSummary(delta, note) });
    const result = await this.users.adjustHoldings(userId, delta, { actorId, note, at: this.clock.now() });
    if (result.outcome === 'user-not-found') throw notFound(`No user with id "${userId}".`);
    if (result.outcome === 'insufficient') {
      const user = await this.users.findById(userId);
      throw badInput(`Nothing was changed: ${user ? describeShortfall(user.holdings, delta) : 'a balance would leave its range.'}`, 'input');
    }
    return result.holdings;
  }

  /** Credits a granted claim once, however many times delivery is retried. */
  async applyRewardGrant(grantId: string, userId: string, rewards: readonly GrantedReward[]) {
    return this.users.applyGrant(grantId, userId, rewardsDelta(rewards), this.clock.now());
  }

  /**
   * Takes back what is still held of a claim's grant, once per claim however many times
   * delivery is retried (the revocation id is derived from the claim id).
   */
  async applyRevocation(claim: { claimId: string; userId: string; rewards: readonly GrantedReward[]; actorId: string | null; note: string | null }): Promise<RevocationApplication> {
    return this.users.applyRevocation({
      revocationId: `revocation:${claim.claimId}`,
      userId: claim.userId,
      claimId: claim.claimId,
      granted: rewardsDelta(claim.rewards),
      stamp: { at: this.clock.now(), actorId: claim.actorId, note: claim.note },
    });
  }

  /** Newest first, cursor paged. */
  async ledger(userId: string, query: { reason?: LedgerReason | null; first?: number | null; after?: string | null }): Promise<LedgerPage> {
    const size = pageSize(query.first);
    const beforeId = query.after ? decodeIdCursor(query.after) : undefined;
    const fetched = await this.users.ledger(userId, { ...(query.reason ? { reason: query.reason } : {}), ...(beforeId ? { beforeId } : {}), limit: size + 1 });
    return { ...toPage(fetched, size), cursorOf: (entry) => encodeCursor([entry.id]) };
  }
}

function rewardsDelta(rewards: readonly GrantedReward[]): HoldingsDelta {
  const delta: HoldingsDelta = emptyHoldings();
  for (const reward of rewards) {
    if (reward.kind === 'CURRENCY') {
      if (reward.currency === 'CASH') delta.cash += reward.amount;
      else delta.coins += reward.amount;
    } else if (reward.kind === 'ITEM') {
      delta.items[reward.itemId] = countOf(delta.items, reward.itemId) + reward.quantity;
    } else if (reward.kind === 'COUPON') {
      delta.coupons[reward.couponId] = countOf(delta.coupons, reward.couponId) + reward.quantity;
    } else {
      unhandledKind(reward);
    }
  }
  return delta;
}
