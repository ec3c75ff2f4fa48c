import { badInput, conflict, isId, notFound, unhandledKind, type Clock, type Logger } from '@platform/shared';
import { ClaimStatus } from '../enums';
import { toGrantedReward, type Reward } from '../schema/rewards';
import type { ClaimStore, RevocationStore } from '../store/ports';
import type { ClaimRecord, RevocationRecord } from '../store/records';
import type { AuditRecorder } from './audit-recorder';
import type { GrantRevoker } from './grant-revoker';
import { PeriodicPass } from './periodic-pass';
import { PlayerDirectoryUnavailable } from './player-directory';

export interface RevocationOptions {
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long one instance owns a revocation it took for an attempt (see DeliveryOptions.leaseMs). */
  leaseMs: number;
}

export const MAX_REVOCATION_NOTE_LENGTH = 500;

/** By the reward's explicit kind (never by which fields it has): a new kind must be described here. */
function describeReward(reward: Reward): string {
  const grant = toGrantedReward(reward);
  switch (grant.kind) {
    case 'CURRENCY':
      return `${grant.amount} ${grant.currency}`;
    case 'ITEM':
      return `${grant.quantity}× item ${grant.itemId}`;
    case 'COUPON':
      return `${grant.quantity}× coupon ${grant.couponId}`;
    default:
      return unhandledKind(grant);
  }
}

/**
 * ADMIN: takes a grant back. The claim becomes REVOKED (it still counts as claimed) and a
 * revocation is queued in its own outbox, attempted at once and then by the dispatcher
 * until users applies it. users applies it once per claim id and never before the grant's
 * credit: a revocation that arrives first takes the grant's id, so the grant's delivery,
 * whenever it comes, credits nothing.
 */
export class RevocationService {
  private readonly dispatcher = new PeriodicPass('revocation dispatcher', () => this.applyDue(100));

  constructor(
    private readonly claims: ClaimStore,
    private readonly revocations: RevocationStore,
    private readonly users: GrantRevoker,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly options: RevocationOptions,
  ) {}

  async revoke(actorId: string, claimId: string, note: string): Promise<ClaimRecord> {
    const reason = note.trim();
    if (!reason) throw badInput('A note is required: say why the grant is taken back.', 'note');
    if (reason.length > MAX_REVOCATION_NOTE_LENGTH) throw badInput(`The note may be at most ${MAX_REVOCATION_NOTE_LENGTH} characters.`, 'note');
    const claim = isId(claimId) ? await this.claims.findById(claimId) : null;
    if (!claim) throw notFound(`No claim with id "${claimId}".`);
    // Revoking twice changes nothing (and records nothing) the second time.
    if (claim.status === ClaimStatus.REVOKED) return claim;
    if (claim.status !== ClaimStatus.GRANTED) throw conflict(`Only a GRANTED claim can be revoked; this one is ${claim.status}.`);
    const now = this.clock.now();
    await this.audit.record({
      actorId,
      action: 'revokeClaim',
      targetType: 'RewardClaim',
      targetId: claim.id,
      summary: `GRANTED → REVOKED for user ${claim.userId} on event ${claim.eventId}; takes back ${claim.rewards.map(describeReward).join(', ') || 'nothing'}; note: ${reason}`,
      at: now,
    });
    const revocation: RevocationRecord = {
      claimId: claim.id,
      userId: claim.userId,
      rewards: claim.rewards,
      actorId,
      note: reason,
      requestedAt: now,
      attempts: 0,
      // The inline attempt below holds it this long before the dispatcher may take it.
      nextAttemptAt: new Date(now.getTime() + this.options.leaseMs),
      lastError: null,
      appliedAt: null,
      shortfall: null,
    };
    const result = await this.revocations.revoke(claim.id, revocation);
    if (result.outcome === 'not-found') throw notFound(`No claim with id "${claimId}".`);
    if (result.outcome === 'not-granted') throw conflict(`Only a GRANTED claim can be revoked; this one is ${result.claim.status}.`);
    if (result.outcome === 'revoked') await this.attempt(revocation);
    return (await this.claims.findById(claim.id)) ?? result.claim;
  }

  /** One attempt; true when users applied it (now or before). Failures are retried with backoff. */
  async attempt(revocation: RevocationRecord): Promise<boolean> {
    try {
      const applied = await this.users.applyRewardRevocation({ claimId: revocation.claimId, userId: revocation.userId, rewards: revocation.rewards, actorId: revocation.actorId, note: revocation.note });
      await this.revocations.markApplied(revocation.claimId, this.clock.now(), applied.shortfall);
      return true;
    } catch (error) {
      const message = (error instanceof PlayerDirectoryUnavailable ? error.detail : (error as Error).message).slice(0, 500);
      const backoff = Math.min(this.options.baseBackoffMs * 2 ** revocation.attempts, this.options.maxBackoffMs);
      this.logger.warn('revocation not applied yet; will retry', { claimId: revocation.claimId, attempt: revocation.attempts + 1, retryInMs: backoff, error: message });
      try {
        await this.revocations.markFailed(revocation.claimId, message, new Date(this.clock.now().getTime() + backoff));
      } catch (markError) {
        // Still pending in the outbox: its lease expires and the dispatcher takes it again.
        this.logger.error('could not record a failed revocation attempt', { claimId: revocation.claimId, error: markError });
      }
      return false;
    }
  }

  /** Applies what is due now; returns how many. One run at a time per instance, leased across instances. */
  runDue(limit = 100): Promise<number> {
    return this.dispatcher.run(() => this.applyDue(limit));
  }

  start(intervalMs: number): void {
    this.dispatcher.start(intervalMs, this.logger);
  }

  stop(): Promise<void> {
    return this.dispatcher.stop();
  }

  private async applyDue(limit: number): Promise<number> {
    let applied = 0;
    const due = this.clock.now();
    // One lease per attempt, taken just before it, as for deliveries: a batch leased up
    // front would outlive its leases when users is slow (limit × the call timeout), and
    // another instance would attempt the same revocations at the same time. Only what was
    // due when the run began: a revocation that fails now is not retried within this run.
    for (let i = 0; i < limit; i++) {
      const now = this.clock.now();
      const [revocation] = await this.revocations.leaseDue(due, 1, new Date(now.getTime() + this.options.leaseMs));
      if (!revocation) break;
      if (await this.attempt(revocation)) applied++;
    }
    return applied;
  }
}
