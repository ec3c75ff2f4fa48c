import { buildSchema, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { LEDGER_REASONS, type LedgerEntryRecord, type LedgerReason } from '../ledger';
import type { Counts, Holdings, HoldingsDelta } from '../records';

@modelOptions({ schemaOptions: { _id: false } })
export class CountDoc {
  @prop({ required: true })
  id!: string;

  @prop({ required: true })
  quantity!: number;
}

/** Balances or deltas; items and coupons as lists (ids are data here, not field names). */
@modelOptions({ schemaOptions: { _id: false } })
export class LedgerAmountsDoc {
  @prop({ required: true })
  cash!: number;

  @prop({ required: true })
  coins!: number;

  @prop({ type: () => [CountDoc], default: [] })
  items!: CountDoc[];

  @prop({ type: () => [CountDoc], default: [] })
  coupons!: CountDoc[];
}

/** Append-only: the store only ever inserts these, in the transaction of the change. */
@modelOptions({ schemaOptions: { collection: 'holdings_ledger', versionKey: false } })
@index({ userId: 1, _id: -1 }, { name: 'user_newest_first' })
@index({ userId: 1, reason: 1, _id: -1 }, { name: 'user_reason_newest_first' })
export class LedgerEntryDoc {
  @prop({ required: true })
  _id!: Types.ObjectId;

  @prop({ required: true })
  userId!: Types.ObjectId;

  @prop({ required: true })
  at!: Date;

  @prop({ type: String, required: true, enum: LEDGER_REASONS })
  reason!: LedgerReason;

  @prop({ type: () => LedgerAmountsDoc, required: true })
  delta!: LedgerAmountsDoc;

  @prop({ type: () => LedgerAmountsDoc, required: true })
  after!: LedgerAmountsDoc;

  @prop({ type: String, default: null })
  claimId!: string | null;

  @prop({ type: Types.ObjectId, default: null })
  actorId!: Types.ObjectId | null;

  @prop({ type: String, default: null })
  note!: string | null;

  @prop({ required: true, default: false })
  shortfall!: boolean;
}

export const ledgerEntrySchema = buildSchema(LedgerEntryDoc);

const toList = (counts: Counts): CountDoc[] => Object.entries(counts).map(([id, quantity]) => ({ id, quantity }));
const toCounts = (list: readonly CountDoc[] | undefined): Counts => Object.fromEntries((list ?? []).map((c) => [c.id, c.quantity]));
const toAmounts = (value: Holdings | HoldingsDelta): LedgerAmountsDoc => ({ cash: value.cash, coins: value.coins, items: toList(value.items), coupons: toList(value.coupons) });
const fromAmounts = (doc: LedgerAmountsDoc): Holdings => ({ cash: doc.cash, coins: doc.coins, items: toCounts(doc.items), coupons: toCounts(doc.coupons) });

export function toLedgerDoc(entry: LedgerEntryRecord): LedgerEntryDoc {
  return {
    _id: new Types.ObjectId(entry.id),
    userId: new Types.ObjectId(entry.userId),
    at: entry.at,
    reason: entry.reason,
    delta: toAmounts(entry.delta),
    after: toAmounts(entry.after),
    claimId: entry.claimId,
    actorId: entry.actorId ? new Types.ObjectId(entry.actorId) : null,
    note: entry.note,
    shortfall: entry.shortfall,
  };
}

export function toLedgerRecord(doc: LedgerEntryDoc): LedgerEntryRecord {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    at: doc.at,
    reason: doc.reason,
    delta: fromAmounts(doc.delta),
    after: fromAmounts(doc.after),
    claimId: doc.claimId ?? null,
    actorId: doc.actorId ? doc.actorId.toHexString() : null,
    note: doc.note ?? null,
    shortfall: doc.shortfall ?? false,
  };
}
