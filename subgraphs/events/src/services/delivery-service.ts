import { conflict, isId, notFound, type Clock, type Logger } from '@platform/shared';
import { ClaimStatus, DeliveryStatus } from '../enums';
import type { ClaimStore } from '../store/ports';
import type { ClaimRecord, DeliveryRecord } from '../store/records';
import { PeriodicPass } from './periodic-pass';
import { PlayerDirectoryUnavailable, RewardGrantRefused, type PlayerDirectory } from './player-directory';

export interface DeliveryOptions {
  /** First retry delay; doubles per failed attempt up to maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a fresh grant waits before the dispatcher may pick it up (the request delivers it first). */
  handOffDelayMs: number;
  /**
   * How long the dispatcher of one instance owns a delivery it took (longer than one
   * attempt can take); when an instance dies mid-attempt, another takes it after this.
   */
  leaseMs: number;
}

/** What one attempt left the delivery at, and why when it is not DELIVERED. */
export interface DeliveryAttempt {
  status: DeliveryStatus;
  error: string | null;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { baseBackoffMs: 5000, maxBackoffMs: 5 * 60_000, handOffDelayMs: 30_000, leaseMs: 60_000 };

/**
 * Delivers granted rewards to the users subgraph after the grant committed: once inline,
 * then by the background dispatcher with exponential backoff until users confirms. users
 * credits each claim id once, so a delivery repeated after a crash is harmless.
 */
export class DeliveryService {
  private readonly dispatcher = new PeriodicPass('delivery dispatcher', () => this.deliverDue(100));

  constructor(
    private readonly claims: ClaimStore,
    private readonly players: PlayerDirectory,
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS,
  ) {}

  newDelivery(claimId: string, userId: string, rewards: DeliveryRecord['rewards']): DeliveryRecord {
    return {
      claimId,
      userId,
      rewards,
      attempts: 0,
      nextAttemptAt: new Date(this.clock.now().getTime() + this.options.handOffDelayMs),
      lastError: null,
      deliveredAt: null,
      failedAt: null,
    };
  }

  /**
   * One attempt; DELIVERED when users confirmed the credit. A refusal for good (users answered
   * 4xx: balance ceiling, unknown user, malformed grant) makes the delivery FAILED; anything
   * else is retried with exponential backoff.
   */
  async attempt(delivery: DeliveryRecord): Promise<DeliveryAttempt> {
    try {
      await this.players.applyRewardGrant({ grantId: delivery.claimId, userId: delivery.userId, rewards: delivery.rewards });
      await this.claims.markDelivered(delivery.claimId, this.clock.now());
      return { status: DeliveryStatus.DELIVERED, error: null };
    } catch (error) {
      // Bounded: the outbox keeps the latest reason, not an unbounded upstream body.
      const message = (error instanceof PlayerDirectoryUnavailable || error instanceof RewardGrantRefused ? error.detail : (error as Error).message).slice(0, 500);
      try {
        if (error instanceof RewardGrantRefused) {
          this.logger.error('reward delivery refused for good; FAILED until an admin retries it', { claimId: delivery.claimId, error: message });
          await this.claims.markDeliveryRefused(delivery.claimId, message, this.clock.now());
        } else {
          const backoff = Math.min(this.options.baseBackoffMs * 2 ** delivery.attempts, this.options.maxBackoffMs);
          this.logger.warn('reward delivery failed; will retry', { claimId: delivery.claimId, attempt: delivery.attempts + 1, retryInMs: backoff, error: message });
          await this.claims.markDeliveryFailed(delivery.claimId, message, new Date(this.clock.now().getTime() + backoff));
        }
      } catch (markError) {
        // The grant is committed and its outbox entry still pending: the dispatcher will
        // pick it up. Never turn a successful grant into an error for the player.
        this.logger.error('could not record a failed delivery', { claimId: delivery.claimId, error: markError });
      }
      return { status: error instanceof RewardGrantRefused ? DeliveryStatus.FAILED : DeliveryStatus.PENDING, error: message };
    }
  }

  /**
   * ADMIN: a FAILED delivery becomes PENDING and is attempted at once. users credits each
   * claim id once, so this can never pay twice, whatever happened before.
   */
  async retry(claimId: string): Promise<ClaimRecord> {
    const claim = isId(claimId) ? await this.claims.findById(claimId) : null;
    if (!claim || claim.status !== ClaimStatus.GRANTED) throw notFound(`No granted claim with id "${claimId}".`);
    const now = this.clock.now();
    // The new due time is this instance's lease for the attempt below.
    if (!(await this.claims.requeueDelivery(claim.id, new Date(now.getTime() + this.options.handOffDelayMs)))) {
      throw conflict(`Only a FAILED delivery can be retried; this one is ${claim.delivery ?? DeliveryStatus.PENDING}.`);
    }
    await this.attempt({ claimId: claim.id, userId: claim.userId, rewards: claim.rewards, attempts: 0, nextAttemptAt: now, lastError: null, deliveredAt: null, failedAt: null });
    return (await this.claims.findById(claim.id)) ?? claim;
  }

  /**
   * Delivers what is due now; returns how many were delivered. One run at a time per
   * instance; across instances each delivery is leased before it is attempted.
   */
  runDue(limit = 100): Promise<number> {
    return this.dispatcher.run(() => this.deliverDue(limit));
  }

  start(intervalMs: number): void {
    this.dispatcher.start(intervalMs, this.logger);
  }

  stop(): Promise<void> {
    return this.dispatcher.stop();
  }

  private async deliverDue(limit: number): Promise<number> {
    let delivered = 0;
    const due = this.clock.now();
    // One lease per attempt, taken just before it: a batch leased up front would outlive
    // its leases when users is slow (limit × the call timeout), and another instance
    // would attempt the same deliveries at the same time. Only what was due when the run
    // began: a delivery that fails now is not retried within this run.
    for (let i = 0; i < limit; i++) {
      const now = this.clock.now();
      const [delivery] = await this.claims.leaseDueDeliveries(due, 1, new Date(now.getTime() + this.options.leaseMs));
      if (!delivery) break;
      if ((await this.attempt(delivery)).status === DeliveryStatus.DELIVERED) delivered++;
    }
    return delivered;
  }
}
