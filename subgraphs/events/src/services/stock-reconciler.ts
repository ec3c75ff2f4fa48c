import type { Clock, Logger } from '@platform/shared';
import type { ClaimStore, EventStock } from '../store/ports';
import { HOLDS_GRANT } from '../store/records';
import { PeriodicPass } from './periodic-pass';

export interface StockReconcilerOptions {
  /**
   * How old a reservation must be before the reconciler decides it: longer than any grant
   * transaction can still commit after its reservation (the driver's budget, and the
   * server's transactionLifetimeLimitSeconds, 60 s by default).
   */
  graceMs: number;
  batchSize: number;
}

export interface ReconcileReport {
  /** Units given back: their grant never committed (a crash or an unknown outcome). */
  restored: number;
  /** Reservations whose grant did commit: the unit stays taken. */
  confirmed: number;
  /** Held stock set to claimLimit − granted. */
  settled: number;
}

/**
 * Heals the stock of limited events, run periodically by every events instance (each step
 * is a conditional update, so instances running it at once do it once). Never oversells:
 * a unit is given back only when its claim does not exist after the grace period.
 */
export class StockReconciler {
  private readonly passes = new PeriodicPass('stock reconciler', () => this.reconcile());

  constructor(
    private readonly stock: EventStock,
    private readonly claims: ClaimStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly options: StockReconcilerOptions,
  ) {}

  runOnce(): Promise<ReconcileReport> {
    return this.passes.run();
  }

  private async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { restored: 0, confirmed: 0, settled: 0 };
    const now = this.clock.now();
    const settledBefore = new Date(now.getTime() - this.options.graceMs);
    for (const reservation of await this.stock.reservationsBefore(settledBefore, this.options.batchSize)) {
      const claim = await this.claims.findById(reservation.claimId);
      // A revoked claim was granted: its unit stays taken.
      const granted = claim !== null && HOLDS_GRANT.includes(claim.status);
      const ended =
        reservation.period === null
          ? await this.stock.release(reservation.eventId, reservation.claimId, !granted)
          : await this.stock.releasePeriod(reservation.eventId, reservation.period, reservation.claimId, !granted);
      if (ended) {
        if (granted) report.confirmed++;
        else report.restored++;
      }
    }
    for (const event of await this.stock.heldStockDue(now, this.options.batchSize)) {
      if (event.claimLimit === null || event.stockSettlesAt === null) continue;
      const granted = await this.claims.countGranted(event.id);
      if (await this.stock.settleHeldStock(event.id, event.stockSettlesAt, Math.max(0, event.claimLimit - granted))) report.settled++;
    }
    if (report.restored > 0) this.logger.warn('stock reconciler gave back units lost between reservation and grant', { ...report });
    return report;
  }

  start(intervalMs: number): void {
    this.passes.start(intervalMs, this.logger);
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }
}
