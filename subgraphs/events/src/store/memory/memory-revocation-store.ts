import { ClaimStatus } from '../../enums';
import type { RevocationStore, RevokeOutcome } from '../ports';
import type { RevocationRecord } from '../records';
import { copy, type MemoryEventsDatabase } from './memory-database';

/** Same invariants as MongoDB: check and write with no await in between. */
export class MemoryRevocationStore implements RevocationStore {
  private readonly revocations = new Map<string, RevocationRecord>();

  constructor(private readonly db: MemoryEventsDatabase) {}

  async revoke(claimId: string, revocation: RevocationRecord): Promise<RevokeOutcome> {
    const claim = this.db.claims.get(claimId);
    if (!claim) return { outcome: 'not-found' };
    if (claim.status === ClaimStatus.REVOKED) return { outcome: 'already-revoked', claim: copy(claim) };
    if (claim.status !== ClaimStatus.GRANTED) return { outcome: 'not-granted', claim: copy(claim) };
    // The claim keeps its (event, user) grant key: a revoked claim still counts as claimed.
    Object.assign(claim, { status: ClaimStatus.REVOKED, revokedAt: revocation.requestedAt, revokedBy: revocation.actorId });
    this.db.claimIndexes.restatus(claim, ClaimStatus.GRANTED);
    this.revocations.set(claimId, copy(revocation));
    return { outcome: 'revoked', claim: copy(claim) };
  }

  async find(claimId: string): Promise<RevocationRecord | null> {
    const revocation = this.revocations.get(claimId);
    return revocation ? copy(revocation) : null;
  }

  async leaseDue(now: Date, limit: number, leaseUntil: Date): Promise<RevocationRecord[]> {
    return [...this.revocations.values()]
      .filter((r) => r.appliedAt === null && r.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit)
      .map((r) => {
        r.nextAttemptAt = leaseUntil;
        return copy(r);
      });
  }

  async markApplied(claimId: string, at: Date, shortfall: boolean | null): Promise<void> {
    const revocation = this.revocations.get(claimId);
    if (revocation && !revocation.appliedAt) Object.assign(revocation, { appliedAt: at, shortfall, lastError: null });
  }

  async markFailed(claimId: string, error: string, nextAttemptAt: Date): Promise<void> {
    const revocation = this.revocations.get(claimId);
    if (!revocation || revocation.appliedAt) return;
    revocation.attempts += 1;
    revocation.lastError = error;
    revocation.nextAttemptAt = nextAttemptAt;
  }
}
