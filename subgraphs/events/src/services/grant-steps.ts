import type { Logger } from '@platform/shared';
import type { ClaimStore, EventStock, EventStore, GrantOutcome, ReserveOutcome } from '../store/ports';
import type { ClaimRecord, DeliveryRecord, EventRecord } from '../store/records';

export type GrantAttempt = GrantOutcome | Exclude<ReserveOutcome, { outcome: 'reserved' }>;

/** One stock a grant takes a unit from: the event's own, or a game period's. */
interface ReservedStock {
  reserve(): Promise<ReserveOutcome>;
  release(giveBack: boolean): Promise<boolean>;
  /** Names the stock in the warning when its reservation could not be ended. */
  name: string;
  logContext: Record<string, unknown>;
}

/**
 * The write side of one grant, in separate steps so that no step writes a document other
 * players' grants write in a transaction:
 *  1. the first grant of an event freezes it (one conditional update, once per event);
 *  2. limited events: one unit of stock is reserved (a single-document conditional update,
 *     outside any transaction);
 *  3. the grant transaction: this player's claim and outbox entry only;
 *  4. limited events: the reservation ends, giving the unit back unless the grant committed.
 * A failure between 2 and 4 leaves the reservation for the StockReconciler, which gives the
 * unit back once the grant can no longer commit, or keeps it taken if it did.
 */
export class GrantSteps {
  constructor(
    private readonly events: EventStore,
    private readonly stock: EventStock,
    private readonly claims: ClaimStore,
    private readonly logger: Logger,
  ) {}

  /**
   * `claim.eventVersion` must be `event.version`, the version it was evaluated against.
   * `gamePeriod`: periodic events' game-time-zone period, whose stock a limited one takes from.
   */
  async grant(event: EventRecord, claim: ClaimRecord, delivery: DeliveryRecord, gamePeriod: string | null = null): Promise<GrantAttempt> {
    if (!event.frozen && !(await this.events.freeze(event.id, event.version))) return { outcome: 'event-changed' };
    if (event.claimLimit === null) return this.claims.grant(claim, delivery);
    if (gamePeriod !== null) return this.grantFromPeriodStock(event.id, event.claimLimit, gamePeriod, claim, delivery);
    return this.grantWithReservation(claim, delivery, {
      reserve: () => this.stock.reserve(event.id, event.version, claim.id, claim.createdAt),
      release: (giveBack) => this.stock.release(event.id, claim.id, giveBack),
      name: 'stock',
      logContext: { eventId: event.id, claimId: claim.id },
    });
  }

  /**
   * The same steps on a game period's stock. The reservation counts against the limit of the
   * version evaluated; the grant transaction re-checks that version, so a unit reserved under
   * an edited limit is given back.
   */
  private grantFromPeriodStock(eventId: string, claimLimit: number, period: string, claim: ClaimRecord, delivery: DeliveryRecord): Promise<GrantAttempt> {
    return this.grantWithReservation(claim, delivery, {
      reserve: () => this.stock.reservePeriod(eventId, period, claimLimit, claim.id, claim.createdAt),
      release: (giveBack) => this.stock.releasePeriod(eventId, period, claim.id, giveBack),
      name: 'period stock',
      logContext: { eventId, period, claimId: claim.id },
    });
  }

  /** Steps 2 to 4 on one stock: reserve a unit, run the grant transaction, end the reservation. */
  private async grantWithReservation(claim: ClaimRecord, delivery: DeliveryRecord, stock: ReservedStock): Promise<GrantAttempt> {
    const reserved = await stock.reserve();
    if (reserved.outcome !== 'reserved') return reserved;
    // An error here may hide a commit (UnknownTransactionCommitResult): the unit is not given
    // back now but left to the reconciler, which looks at the claim once it cannot commit.
    const outcome = await this.claims.grant(claim, delivery);
    try {
      await stock.release(outcome.outcome !== 'granted');
    } catch (error) {
      // Safe to leave: the reconciler ends the reservation the same way.
      this.logger.warn(`could not end a ${stock.name} reservation; the reconciler will`, { ...stock.logContext, error });
    }
    return outcome;
  }
}
