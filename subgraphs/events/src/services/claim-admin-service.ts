import { isId, type Clock } from '@platform/shared';
import { ClaimStatus, DeliveryStatus } from '../enums';
import type { ClaimStore } from '../store/ports';
import type { ClaimRecord } from '../store/records';
import type { AuditRecorder } from './audit-recorder';
import type { DeliveryService } from './delivery-service';

/** ADMIN actions on claims, each recorded in the audit log before it takes effect. */
export class ClaimAdminService {
  constructor(
    private readonly claims: ClaimStore,
    private readonly delivery: DeliveryService,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  /** FAILED → PENDING and delivered again (DeliveryService.retry); audited when it will act. */
  async retryDelivery(actorId: string, claimId: string): Promise<ClaimRecord> {
    const claim = isId(claimId) ? await this.claims.findById(claimId) : null;
    // Anything else is refused by DeliveryService.retry with its own error, unaudited.
    if (claim?.status === ClaimStatus.GRANTED && claim.delivery === DeliveryStatus.FAILED) {
      await this.audit.record({
        actorId,
        action: 'retryDelivery',
        targetType: 'RewardClaim',
        targetId: claim.id,
        summary: `delivery FAILED → PENDING (was: ${claim.deliveryError ?? 'no reason recorded'})`,
        at: this.clock.now(),
      });
    }
    return this.delivery.retry(claimId);
  }
}
