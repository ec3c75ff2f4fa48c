import { buildSchema, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import type { Connection, Model } from 'mongoose';
import { Types } from 'mongoose';
import { bindModel } from '@platform/shared';
import { EVENT_STATS_INDEX, EVENT_STATS_INDEX_KEYS } from './claim-stats';
import { ChallengeBase, CHALLENGE_CLASSES } from '../../schema/challenges';
import { ClaimPeriod, ClaimRejectionReason, ClaimStatus, DeliveryStatus } from '../../enums';
import { RewardBase, REWARD_CLASSES } from '../../schema/rewards';

/** A unit of stock taken for a claim that is being granted (see EventStock). */
@modelOptions({ schemaOptions: { _id: false, versionKey: false } })
export class ReservationDoc {
  @prop({ required: true })
  claimId!: Types.ObjectId;

  @prop({ required: true })
  at!: Date;
}

@modelOptions({ schemaOptions: { collection: 'events', versionKey: false }, options: { allowMixed: Severity.ERROR } })
@index({ startsAt: 1, _id: 1 }, { name: 'by_start' })
// The stock reconciler's two scans: old reservations, and held stock due to settle.
@index({ 'reservations.at': 1 }, { name: 'reservations_by_age' })
@index({ stockSettlesAt: 1 }, { partialFilterExpression: { stockSettlesAt: { $type: 'date' } }, name: 'held_stock_due' })
@index({ isPublic: 1, active: 1, startsAt: 1, _id: 1 }, { name: 'player_visible_by_start' })
export class EventDoc {
  @prop({ required: true })
  _id!: Types.ObjectId;

  @prop({ required: true, minlength: 1, maxlength: 200 })
  title!: string;

  @prop({ type: String, default: null, maxlength: 5000 })
  description!: string | null;

  @prop({ required: true })
  startsAt!: Date;

  @prop({ required: true })
  endsAt!: Date;

  @prop({ required: true })
  isPublic!: boolean;

  @prop({ required: true })
  active!: boolean;

  /** Embedded discriminators: one sub-document class per challenge kind. */
  @prop({ type: ChallengeBase, discriminators: () => CHALLENGE_CLASSES, default: [] })
  challenges!: ChallengeBase[];

  @prop({ type: RewardBase, discriminators: () => REWARD_CLASSES, required: true })
  rewards!: RewardBase[];

  @prop({ required: true, enum: ClaimPeriod, type: String, default: ClaimPeriod.ONCE })
  claimPeriod!: ClaimPeriod;

  @prop({ type: Number, default: null, min: 1 })
  claimLimit!: number | null;

  @prop({ type: Number, default: null, min: 0 })
  claimsRemaining!: number | null;

  /** Set once by the first grant; challenges and rewards are frozen from then on. */
  @prop({ required: true, default: false })
  frozen!: boolean;

  @prop({ type: Date, default: null })
  stockSettlesAt!: Date | null;

  /** Units taken by grants that have not finished yet (bounded by grants in flight). */
  @prop({ type: () => [ReservationDoc], default: [] })
  reservations!: ReservationDoc[];

  @prop({ required: true })
  createdBy!: Types.ObjectId;

  @prop({ required: true })
  createdAt!: Date;

  @prop({ required: true })
  updatedAt!: Date;

  @prop({ required: true, default: 0 })
  version!: number;
}

/**
 * A periodic event's stock in one game period: units taken (granted or being granted) and
 * their reservations. _id is "<eventId>:<period>"; created by the first reservation of the
 * period (an upsert), so a new period starts full without any scheduled job.
 */
@modelOptions({ schemaOptions: { collection: 'event_period_stock', versionKey: false }, options: { allowMixed: Severity.ERROR } })
@index({ 'reservations.at': 1 }, { name: 'period_reservations_by_age' })
export class PeriodStockDoc {
  @prop({ required: true })
  _id!: string;

  @prop({ required: true })
  eventId!: Types.ObjectId;

  @prop({ required: true })
  period!: string;

  @prop({ required: true, default: 0, min: 0 })
  taken!: number;

  @prop({ type: () => [ReservationDoc], default: [] })
  reservations!: ReservationDoc[];
}

@modelOptions({ schemaOptions: { collection: 'reward_claims', versionKey: false }, options: { allowMixed: Severity.ERROR } })
// The invariant itself: at most one claim holding a grant per (user, event, period),
// whatever raced; ONCE events store the period "ONCE". `holdsGrant` is true on GRANTED
// claims and stays true when one is REVOKED (a revoked claim still counts as claimed); a
// boolean, so the filter is a plain equality on any MongoDB. userId first: the planned
// shard key of reward_claims (a unique index must start with it).
@index({ userId: 1, eventId: 1, period: 1 }, { unique: true, partialFilterExpression: { holdsGrant: true }, name: 'one_grant_per_user_event_and_period' })
// Claims holding a grant per event (stock reconciliation, limits, stats): a COUNT_SCAN, no
// counter. A revoked claim keeps the stock unit it took.
@index({ eventId: 1 }, { partialFilterExpression: { holdsGrant: true }, name: 'holding_grant_by_event' })
@index({ userId: 1, idempotencyKey: 1 }, { unique: true, partialFilterExpression: { idempotencyKey: { $type: 'string' } }, name: 'idempotency_key_per_user' })
@index({ createdAt: -1, _id: -1 }, { name: 'newest_first' })
@index({ userId: 1, createdAt: -1, _id: -1 }, { name: 'user_newest_first' })
@index({ eventId: 1, createdAt: -1, _id: -1 }, { name: 'event_newest_first' })
@index({ ...EVENT_STATS_INDEX_KEYS }, { name: EVENT_STATS_INDEX })
export class ClaimDoc {
  @prop({ required: true })
  _id!: Types.ObjectId;

  @prop({ required: true })
  eventId!: Types.ObjectId;

  @prop({ required: true })
  userId!: Types.ObjectId;

  @prop({ required: true, enum: ClaimStatus, type: String })
  status!: ClaimStatus;

  @prop({ enum: ClaimRejectionReason, type: String, default: null })
  rejectionReason!: ClaimRejectionReason | null;

  @prop({ type: RewardBase, discriminators: () => REWARD_CLASSES, default: [] })
  rewards!: RewardBase[];

  @prop({ enum: DeliveryStatus, type: String, default: null })
  delivery!: DeliveryStatus | null;

  @prop({ type: String, default: null, maxlength: 128 })
  idempotencyKey!: string | null;

  @prop({ required: true })
  createdAt!: Date;

  /** "ONCE" for ONCE events, else the player's period key ("2026-11-22", "2026-W47"). */
  @prop({ required: true, default: 'ONCE' })
  period!: string;

  /** GRANTED or REVOKED: the claim holds its (user, event, period) grant; the unique index's filter. */
  @prop({ required: true, default: false })
  holdsGrant!: boolean;

  @prop({ type: Number, default: null })
  eventVersion!: number | null;

  @prop({ type: String, default: null, maxlength: 500 })
  deliveryError!: string | null;

  @prop({ type: Date, default: undefined })
  revokedAt?: Date | null;

  @prop({ type: Types.ObjectId, default: undefined })
  revokedBy?: Types.ObjectId | null;
}

/**
 * What the two outboxes (deliveries, revocations) share: a claim's rewards for a player,
 * attempted until users confirms, with backoff. _id is the claim id.
 */
export class OutboxEntryDoc {
  @prop({ required: true })
  _id!: Types.ObjectId;

  @prop({ required: true })
  userId!: Types.ObjectId;

  @prop({ type: RewardBase, discriminators: () => REWARD_CLASSES, required: true })
  rewards!: RewardBase[];

  @prop({ required: true, default: true })
  pending!: boolean;

  @prop({ required: true, default: 0 })
  attempts!: number;

  @prop({ required: true })
  nextAttemptAt!: Date;

  @prop({ type: String, default: null })
  lastError!: string | null;
}

/** The delivery outbox (DeliveryRecord): _id is the claim id. */
@modelOptions({ schemaOptions: { collection: 'deliveries', versionKey: false }, options: { allowMixed: Severity.ERROR } })
@index({ nextAttemptAt: 1 }, { partialFilterExpression: { pending: true }, name: 'pending_due' })
export class DeliveryDoc extends OutboxEntryDoc {
  @prop({ type: Date, default: null })
  deliveredAt!: Date | null;

  /** users refused it for good; `pending` is false until an ADMIN requeues it. */
  @prop({ type: Date, default: null })
  failedAt!: Date | null;
}

/** The revocation outbox (RevocationRecord): _id is the claim id. */
@modelOptions({ schemaOptions: { collection: 'revocations', versionKey: false }, options: { allowMixed: Severity.ERROR } })
@index({ nextAttemptAt: 1 }, { partialFilterExpression: { pending: true }, name: 'pending_revocations_due' })
export class RevocationDoc extends OutboxEntryDoc {
  @prop({ required: true })
  actorId!: Types.ObjectId;

  @prop({ required: true, maxlength: 500 })
  note!: string;

  @prop({ required: true })
  requestedAt!: Date;

  @prop({ type: Date, default: null })
  appliedAt!: Date | null;

  @prop({ type: Boolean, default: null })
  shortfall!: boolean | null;
}

// Annotated because the inferred types are too long for declaration emit (tsc -b).
export const eventSchema: ReturnType<typeof buildSchema<typeof EventDoc>> = buildSchema(EventDoc);
export const revocationSchema: ReturnType<typeof buildSchema<typeof RevocationDoc>> = buildSchema(RevocationDoc);
export const claimSchema: ReturnType<typeof buildSchema<typeof ClaimDoc>> = buildSchema(ClaimDoc);
export const deliverySchema: ReturnType<typeof buildSchema<typeof DeliveryDoc>> = buildSchema(DeliveryDoc);
export const periodStockSchema: ReturnType<typeof buildSchema<typeof PeriodStockDoc>> = buildSchema(PeriodStockDoc);

export interface EventsModels {
  Event: Model<EventDoc>;
  Claim: Model<ClaimDoc>;
  Delivery: Model<DeliveryDoc>;
  PeriodStock: Model<PeriodStockDoc>;
  Revocation: Model<RevocationDoc>;
}

export function eventsModels(connection: Connection): EventsModels {
  return {
    Event: bindModel<EventDoc>(connection, 'Event', eventSchema),
    Claim: bindModel<ClaimDoc>(connection, 'Claim', claimSchema),
    Delivery: bindModel<DeliveryDoc>(connection, 'Delivery', deliverySchema),
    PeriodStock: bindModel<PeriodStockDoc>(connection, 'PeriodStock', periodStockSchema),
    Revocation: bindModel<RevocationDoc>(connection, 'Revocation', revocationSchema),
  };
}
