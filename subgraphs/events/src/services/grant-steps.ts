import type { Logger } from '@platform/shared';
import type { ClaimStore, EventStock, EventStore, GrantOutcome, ReserveOutcome } from '../store/ports';
import type { ClaimRecord, DeliveryRecord, EventRecord } from '../store/records';

export type GrantAttempt = GrantOutcome | Exclude<ReserveOutcome, { outcome: 'reserved' }>;

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

    const reserved = await this.stock.reserve(event.id, event.version, claim.id, claim.createdAt);
    if (reserved.outcome !== 'reserved') return reserved;
    // An error here may hide a commit (UnknownTransactionCommitResult): the unit is not given
    // back now but left to the reconciler, which looks at the claim once it cannot commit.
    const outcome = await this.claims.grant(claim, delivery);
    try {
      await this.stock.release(event.id, claim.id, outcome.outcome !== 'granted');
    } catch (error) {
      // Safe to leave: the reconciler ends the reservation the same way.
      this.logger.warn('could not end a stock reservation; the reconciler will', { eventId: event.id, claimId: claim.id, error });
    }
    return outcome;
  }

  /**
   * The same steps on a game period's stock. The reservation counts against the limit of the
   * version evaluated; the grant transaction re-checks that version, so a unit reserved under
   * an edited limit is given back.
   */
  private async grantFromPeriodStock(eventId: string, claimLimit: number, period: string, claim: ClaimRecord, delivery: DeliveryRecord): Promise<GrantAttempt> {
    const reserved = await this.stock.reservePeriod(eventId, period, claimLimit, claim.id, claim.createdAt);
    if (reserved.outcome !== 'reserved') return reserved;
    const outcome = await this.claims.grant(claim, delivery);
    try {
      await this.stock.releasePeriod(eventId, period, claim.id, outcome.outcome !== 'granted');
    } catch (error) {
      this.logger.warn('could not end a period stock reservation; the reconciler will', { eventId, period, claimId: claim.id, error });
    }
    return outcome;
  }
}
