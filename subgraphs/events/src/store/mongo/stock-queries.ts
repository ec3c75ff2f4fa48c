import { Types } from 'mongoose';
import type { EventEdit } from '../ports';

const oid = (id: string) => new Types.ObjectId(id);

/**
 * Takes one unit: matches only while the event is at the version the claim was evaluated
 * against and has stock; records the reservation with the unit, in the same document.
 */
export function buildReserve(eventId: string, expectedVersion: number, claimId: string, at: Date) {
  return {
    filter: { _id: oid(eventId), version: expectedVersion, claimsRemaining: { $gt: 0 } },
    update: { $inc: { claimsRemaining: -1 }, $push: { reservations: { claimId: oid(claimId), at } } },
  };
}

/** Ends a reservation, once (it must still be there); `giveBack` returns its unit. */
export function buildRelease(eventId: string, claimId: string, giveBack: boolean) {
  return {
    filter: { _id: oid(eventId), 'reservations.claimId': oid(claimId) },
    update: {
      $pull: { reservations: { claimId: oid(claimId) } },
      ...(giveBack ? { $inc: { claimsRemaining: 1 } } : {}),
    },
  };
}

export const periodStockId = (eventId: string, period: string) => `${eventId}:${period}`;

/**
 * Takes one unit of a game period's stock while fewer than `claimLimit` are taken. An upsert:
 * the period's first reservation creates the document (taken 1). When the document exists
 * and is full, the filter does not match and the insert collides on _id (E11000): sold out.
 */
export function buildPeriodReserve(eventId: string, period: string, claimLimit: number, claimId: string, at: Date) {
  return {
    filter: { _id: periodStockId(eventId, period), taken: { $lt: claimLimit } },
    update: {
      $setOnInsert: { eventId: oid(eventId), period },
      $inc: { taken: 1 },
      $push: { reservations: { claimId: oid(claimId), at } },
    },
  };
}

/** Ends a period reservation, once; `giveBack` returns its unit. */
export function buildPeriodRelease(eventId: string, period: string, claimId: string, giveBack: boolean) {
  return {
    filter: { _id: periodStockId(eventId, period), 'reservations.claimId': oid(claimId) },
    update: {
      $pull: { reservations: { claimId: oid(claimId) } },
      ...(giveBack ? { $inc: { taken: -1 } } : {}),
    },
  };
}

/**
 * An operator edit: conditional on the version only (grants never change it), plus the
 * freeze for content changes and the stock for a lower limit. Bumps the version.
 */
export function buildEdit(eventId: string, expectedVersion: number, edit: EventEdit) {
  const filter: Record<string, unknown> = { _id: oid(eventId), version: expectedVersion };
  if (edit.changesContent) filter['frozen'] = false;
  const set: Record<string, unknown> = { ...edit.fields };
  const update: Record<string, unknown> = { $set: set, $inc: { version: 1 } };
  const stock = edit.stock;
  if (stock?.kind === 'adjust') {
    set['claimLimit'] = stock.claimLimit;
    (update['$inc'] as Record<string, number>)['claimsRemaining'] = stock.by;
    if (stock.by < 0) filter['claimsRemaining'] = { $gte: -stock.by };
  } else if (stock?.kind === 'unlimited') {
    Object.assign(set, { claimLimit: null, claimsRemaining: null, stockSettlesAt: null, reservations: [] });
  } else if (stock?.kind === 'period-limit') {
    if (stock.requireUnfrozen) filter['frozen'] = false;
    Object.assign(set, { claimLimit: stock.claimLimit, claimsRemaining: null, stockSettlesAt: null });
  } else if (stock?.kind === 'set') {
    filter['frozen'] = stock.frozen;
    Object.assign(set, { claimLimit: stock.claimLimit, claimsRemaining: stock.remaining, stockSettlesAt: stock.settlesAt, reservations: [] });
  }
  if (Object.keys(set).length === 0) delete update['$set'];
  return { filter, update };
}
