import { Types } from 'mongoose';
import type { Challenge } from '../../schema/challenges';
import { ClaimPeriod, ClaimStatus, type ClaimRejectionReason, type DeliveryStatus } from '../../enums';
import type { Reward } from '../../schema/rewards';
import { HOLDS_GRANT, ONCE_PERIOD_KEY, type ClaimRecord, type DeliveryRecord, type EventRecord } from '../records';

/** Sub-documents come back from `lean()` as plain objects that carry their `kind`. */
export const plain = <T>(items: readonly unknown[] | undefined): T[] => (items ?? []).map((item) => ({ ...(item as object) }) as T);

export interface LeanEvent {
  _id: Types.ObjectId;
  title: string;
  description?: string | null;
  startsAt: Date;
  endsAt: Date;
  isPublic: boolean;
  active: boolean;
  challenges?: unknown[];
  rewards?: unknown[];
  claimPeriod?: ClaimPeriod;
  claimLimit?: number | null;
  claimsRemaining?: number | null;
  frozen?: boolean;
  stockSettlesAt?: Date | null;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
  version?: number;
}

export function toEventRecord(doc: LeanEvent): EventRecord {
  return {
    id: doc._id.toHexString(),
    title: doc.title,
    description: doc.description ?? null,
    startsAt: doc.startsAt,
    endsAt: doc.endsAt,
    isPublic: doc.isPublic,
    active: doc.active,
    challenges: plain<Challenge>(doc.challenges),
    rewards: plain<Reward>(doc.rewards),
    claimPeriod: doc.claimPeriod ?? ClaimPeriod.ONCE,
    claimLimit: doc.claimLimit ?? null,
    claimsRemaining: doc.claimsRemaining ?? null,
    frozen: doc.frozen ?? false,
    stockSettlesAt: doc.stockSettlesAt ?? null,
    createdBy: doc.createdBy.toHexString(),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    version: doc.version ?? 0,
  };
}

export function toEventDoc(event: EventRecord) {
  const { id, createdBy, ...rest } = event;
  return { ...rest, _id: new Types.ObjectId(id), createdBy: new Types.ObjectId(createdBy) };
}

export interface LeanClaim {
  _id: Types.ObjectId;
  eventId: Types.ObjectId;
  userId: Types.ObjectId;
  status: ClaimStatus;
  rejectionReason?: ClaimRejectionReason | null;
  rewards?: unknown[];
  delivery?: DeliveryStatus | null;
  idempotencyKey?: string | null;
  createdAt: Date;
  period?: string;
  eventVersion?: number | null;
  deliveryError?: string | null;
  revokedAt?: Date | null;
  revokedBy?: Types.ObjectId | null;
}

// Re-exported for the other MongoDB modules, which import it from here.

export function toClaimRecord(doc: LeanClaim): ClaimRecord {
  return {
    id: doc._id.toHexString(),
    eventId: doc.eventId.toHexString(),
    userId: doc.userId.toHexString(),
    status: doc.status,
    rejectionReason: doc.rejectionReason ?? null,
    rewards: plain<Reward>(doc.rewards),
    delivery: doc.delivery ?? null,
    idempotencyKey: doc.idempotencyKey ?? null,
    createdAt: doc.createdAt,
    period: doc.period === undefined || doc.period === ONCE_PERIOD_KEY ? null : doc.period,
    eventVersion: doc.eventVersion ?? null,
    deliveryError: doc.deliveryError ?? null,
    ...(doc.revokedAt ? { revokedAt: doc.revokedAt, revokedBy: doc.revokedBy?.toHexString() ?? null } : {}),
  };
}

export function toClaimDoc(claim: ClaimRecord) {
  const { id, eventId, userId, period, revokedAt, revokedBy, ...rest } = claim;
  const holdsGrant = HOLDS_GRANT.includes(claim.status) ? { holdsGrant: true } : {};
  const revoked = revokedAt ? { revokedAt, revokedBy: revokedBy ? new Types.ObjectId(revokedBy) : null } : {};
  return {
    ...rest,
    ...holdsGrant,
    ...revoked,
    _id: new Types.ObjectId(id),
    eventId: new Types.ObjectId(eventId),
    userId: new Types.ObjectId(userId),
    period: period ?? ONCE_PERIOD_KEY,
  };
}

export interface LeanDelivery {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  rewards?: unknown[];
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string | null;
  deliveredAt?: Date | null;
  failedAt?: Date | null;
}

export function toDeliveryRecord(doc: LeanDelivery): DeliveryRecord {
  return {
    claimId: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    rewards: plain<Reward>(doc.rewards),
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    lastError: doc.lastError ?? null,
    deliveredAt: doc.deliveredAt ?? null,
    failedAt: doc.failedAt ?? null,
  };
}

export function toDeliveryDoc(delivery: DeliveryRecord) {
  const { claimId, userId, ...rest } = delivery;
  return { ...rest, _id: new Types.ObjectId(claimId), userId: new Types.ObjectId(userId), pending: delivery.deliveredAt === null && delivery.failedAt === null };
}
