import type { Clock, Logger } from '@platform/shared';
import type { ClaimStore } from '../store/ports';
import type { DeliveryRecord } from '../store/records';
import { PlayerDirectoryUnavailable, type PlayerDirectory } from './player-directory';

export interface DeliveryOptions {
  /** First retry delay; doubles per failed attempt up to maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a fresh grant waits before the dispatcher may pick it up (the request delivers it first). */
  handOffDelayMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { baseBackoffMs: 5000, maxBackoffMs: 5 * 60_000, handOffDelayMs: 30_000 };

/**
 * Delivers granted rewards to the users subgraph after the grant committed: once inline,
 * then by the background dispatcher with exponential backoff until users confirms. users
 * credits each claim id once, so a delivery repeated after a crash is harmless.
 */
export class DeliveryService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

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
    };
  }

  /** One attempt; true when users confirmed the credit. */
  async attempt(delivery: DeliveryRecord): Promise<boolean> {
    try {
      await this.players.applyRewardGrant({ grantId: delivery.claimId, userId: delivery.userId, rewards: delivery.rewards });
      await this.claims.markDelivered(delivery.claimId, this.clock.now());
      return true;
    } catch (error) {
      const backoff = Math.min(this.options.baseBackoffMs * 2 ** delivery.attempts, this.options.maxBackoffMs);
      // Bounded: the outbox keeps the latest reason, not an unbounded upstream body.
      const message = (error instanceof PlayerDirectoryUnavailable ? error.detail : (error as Error).message).slice(0, 500);
      this.logger.warn('reward delivery failed; will retry', { claimId: delivery.claimId, attempt: delivery.attempts + 1, retryInMs: backoff, error: message });
      try {
        await this.claims.markDeliveryFailed(delivery.claimId, message, new Date(this.clock.now().getTime() + backoff));
      } catch (markError) {
        // The grant is committed and its outbox entry still pending: the dispatcher will
        // pick it up. Never turn a successful grant into an error for the player.
        this.logger.error('could not record a failed delivery', { claimId: delivery.claimId, error: markError });
      }
      return false;
    }
  }

  /** Delivers everything due now; returns how many were delivered. One run at a time. */
  runDue(limit = 100): Promise<number> {
    this.running ??= (async () => {
      try {
        let delivered = 0;
        for (const delivery of await this.claims.dueDeliveries(this.clock.now(), limit)) {
          if (await this.attempt(delivery)) delivered++;
        }
        return delivered;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runDue().catch((error: unknown) => this.logger.error('delivery dispatcher failed', { error }));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
