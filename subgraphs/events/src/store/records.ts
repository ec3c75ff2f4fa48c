import type { Challenge } from '../schema/challenges';
import type { Reward } from '../schema/rewards';
import { ClaimStatus, type ClaimPeriod, type ClaimRejectionReason, type DeliveryStatus } from '../enums';

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
  /** ONCE, or once per player per DAILY/WEEKLY period; frozen with the content. */
  claimPeriod: ClaimPeriod;
  /** Per game period when claimPeriod is not ONCE (see EventStock.reservePeriod). */
  claimLimit: number | null;
  /**
   * Units of stock not taken; null when unlimited or periodic (periodic events count per
   * game period in their own stock documents). Only the stock port changes it: a
   * conditional single-document decrement per reservation, given back on failure.
   */
  claimsRemaining: number | null;
  /**
   * Set once by the first grant (a conditional update, not a per-grant write): from then on
   * challenges and rewards are frozen.
   */
  frozen: boolean;
  /**
   * An unlimited event that had grants became limited: its stock is held at 0 until this
   * moment, when grants that were already committing have finished and the reconciler
   * counts them (claimsRemaining = claimLimit − granted). Null otherwise.
   */
  stockSettlesAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every operator update (never by grants): what a claim was evaluated against. */
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
  /** The player's period the claim was for: "2026-11-22", "2026-W47"; null for ONCE events (and early rejections). */
  period: string | null;
  /** GRANTED claims: the event version the grant was evaluated against; null when rejected. */
  eventVersion: number | null;
  /** Why delivery FAILED or keeps failing (staff only); null when none. */
  deliveryError: string | null;
  /** REVOKED claims: when and by whom (see RevocationRecord). Absent otherwise. */
  revokedAt?: Date | null;
  revokedBy?: string | null;
}

/** ONCE events' fixed period key, so one unique index serves every claim period (both adapters). */
export const ONCE_PERIOD_KEY = 'ONCE';

/** Claims that hold their (user, event) grant key: GRANTED, and REVOKED (still claimed). */
export const HOLDS_GRANT: readonly ClaimStatus[] = [ClaimStatus.GRANTED, ClaimStatus.REVOKED];

/**
 * The revocation outbox: a revoked claim's debit waiting to be applied by users, leased
 * and retried like a grant's delivery; users applies it once per claim id.
 */
export interface RevocationRecord {
  claimId: string;
  userId: string;
  /** What the grant credited: users takes back what is still held of it. */
  rewards: Reward[];
  actorId: string;
  note: string;
  requestedAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  appliedAt: Date | null;
  /** users could not take everything back (nothing goes below zero); null until applied. */
  shortfall: boolean | null;
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
  /** users refused it for good (4xx): not retried until an ADMIN calls retryDelivery. */
  failedAt: Date | null;
}
