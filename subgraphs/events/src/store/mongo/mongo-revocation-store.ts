import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { inTransaction } from '@platform/shared';
import { ClaimStatus } from '../../enums';
import type { Reward } from '../../schema/rewards';
import type { RevocationStore, RevokeOutcome } from '../ports';
import type { RevocationRecord } from '../records';
import { plain, toClaimRecord, type LeanClaim } from './mappers';
import { eventsModels, type EventsModels } from './models';
import { translateTransient } from './transactions';

interface LeanRevocation {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  rewards?: unknown[];
  actorId: Types.ObjectId;
  note: string;
  requestedAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string | null;
  appliedAt?: Date | null;
  shortfall?: boolean | null;
}

const toRecord = (doc: LeanRevocation): RevocationRecord => ({
  claimId: doc._id.toHexString(),
  userId: doc.userId.toHexString(),
  rewards: plain<Reward>(doc.rewards),
  actorId: doc.actorId.toHexString(),
  note: doc.note,
  requestedAt: doc.requestedAt,
  attempts: doc.attempts,
  nextAttemptAt: doc.nextAttemptAt,
  lastError: doc.lastError ?? null,
  appliedAt: doc.appliedAt ?? null,
  shortfall: doc.shortfall ?? null,
});

/** Thrown inside the transaction to abort it with a known outcome. */
class NotRevoked extends Error {
  constructor(readonly outcome: RevokeOutcome) {
    super(outcome.outcome);
  }
}

export class MongoRevocationStore implements RevocationStore {
  private readonly models: EventsModels;

  constructor(
    private readonly connection: Connection,
    private readonly transactionTimeoutMs: number,
  ) {
    this.models = eventsModels(connection);
  }

  /**
   * One transaction over the player's own documents: the claim's conditional GRANTED →
   * REVOKED update (it keeps `holdsGrant`, so it stays in the unique grant index) and the
   * outbox insert. A concurrent revocation conflicts and finds the claim REVOKED.
   */
  async revoke(claimId: string, revocation: RevocationRecord): Promise<RevokeOutcome> {
    const id = new Types.ObjectId(claimId);
    try {
      return await translateTransient(() =>
        inTransaction(this.connection, this.transactionTimeoutMs, async (session) => {
          const updated = await this.models.Claim.findOneAndUpdate(
            { _id: id, status: ClaimStatus.GRANTED },
            { $set: { status: ClaimStatus.REVOKED, revokedAt: revocation.requestedAt, revokedBy: new Types.ObjectId(revocation.actorId) } },
            { session, returnDocument: 'after' },
          ).lean<LeanClaim>();
          if (!updated) {
            const current = await this.models.Claim.findById(id, null, { session }).lean<LeanClaim>();
            if (!current) throw new NotRevoked({ outcome: 'not-found' });
            const claim = toClaimRecord(current);
            throw new NotRevoked(claim.status === ClaimStatus.REVOKED ? { outcome: 'already-revoked', claim } : { outcome: 'not-granted', claim });
          }
          const { claimId: _claimId, userId, actorId, ...rest } = revocation;
          await this.models.Revocation.create([{ ...rest, _id: id, userId: new Types.ObjectId(userId), actorId: new Types.ObjectId(actorId), pending: true }], { session });
          return { outcome: 'revoked' as const, claim: toClaimRecord(updated) };
        }),
      );
    } catch (error) {
      if (error instanceof NotRevoked) return error.outcome;
      throw error;
    }
  }

  async find(claimId: string): Promise<RevocationRecord | null> {
    const doc = await this.models.Revocation.findById(new Types.ObjectId(claimId)).lean<LeanRevocation>();
    return doc ? toRecord(doc) : null;
  }

  /** One conditional update per revocation taken, as for deliveries. */
  async leaseDue(now: Date, limit: number, leaseUntil: Date): Promise<RevocationRecord[]> {
    const leased: RevocationRecord[] = [];
    for (let i = 0; i < limit; i++) {
      const doc = await this.models.Revocation.findOneAndUpdate(
        { pending: true, nextAttemptAt: { $lte: now } },
        { $set: { nextAttemptAt: leaseUntil } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      ).lean<LeanRevocation>();
      if (!doc) break;
      leased.push(toRecord(doc));
    }
    return leased;
  }

  async markApplied(claimId: string, at: Date, shortfall: boolean | null): Promise<void> {
    await this.models.Revocation.updateOne({ _id: new Types.ObjectId(claimId), pending: true }, { $set: { pending: false, appliedAt: at, shortfall, lastError: null } });
  }

  async markFailed(claimId: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.models.Revocation.updateOne({ _id: new Types.ObjectId(claimId), pending: true }, { $set: { lastError: error, nextAttemptAt }, $inc: { attempts: 1 } });
  }
}
