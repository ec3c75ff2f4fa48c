import type { Challenge } from '../schema/challenges';
import type { Reward } from '../schema/rewards';
import type { ClaimRejectionReason, ClaimStatus, DeliveryStatus } from '../schema/enums';

export interface EventRecord {
  id: string;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  isPublic: boolean;
  active: boolean;
  challenges: Challenge[];
  rewards: Reward[];
  claimLimit: number | null;
  /** claimLimit − grantedCount; null when unlimited. Only a conditional decrement lowers it. */
  claimsRemaining: number | null;
  grantedCount: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every operator update: optimistic concurrency for updateEvent. */
  version: number;
}

export interface ClaimRecord {
  id: string;
  eventId: string;
  userId: string;
  status: ClaimStatus;
  rejectionReason: ClaimRejectionReason | null;
  rewards: Reward[];
  delivery: DeliveryStatus | null;
  idempotencyKey: string | null;
  createdAt: Date;
}

/** The outbox: a granted claim's rewards waiting to be credited by the users subgraph. */
export interface DeliveryRecord {
  claimId: string;
  userId: string;
  rewards: Reward[];
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
}
