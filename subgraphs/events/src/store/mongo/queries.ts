import { Types } from 'mongoose';
import type { ClaimQuery, DateRange, EventQuery } from '../event-query';

const oid = (id: string) => new Types.ObjectId(id);

function range(r: DateRange): Record<string, Date> {
  const out: Record<string, Date> = {};
  if (r.gt) out['$gt'] = r.gt;
  if (r.gte) out['$gte'] = r.gte;
  if (r.lt) out['$lt'] = r.lt;
  if (r.lte) out['$lte'] = r.lte;
  return out;
}

/** The `find` filter for an EventQuery, keyset after (startsAt, _id) ascending. */
export function buildEventFilter(query: EventQuery): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  if (query.isPublic !== undefined) and.push({ isPublic: query.isPublic });
  if (query.active !== undefined) and.push({ active: query.active });
  if (query.startsAt) and.push({ startsAt: range(query.startsAt) });
  if (query.endsAt) and.push({ endsAt: range(query.endsAt) });
  if (query.after) {
    and.push({ $or: [{ startsAt: { $gt: query.after.startsAt } }, { startsAt: query.after.startsAt, _id: { $gt: oid(query.after.id) } }] });
  }
  return and.length ? { $and: and } : {};
}

export const EVENT_SORT = { startsAt: 1, _id: 1 } as const;

/** The `find` filter for a ClaimQuery, keyset before (createdAt, _id) descending. */
export function buildClaimFilter(query: Omit<ClaimQuery, 'limit'>): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  if (query.eventId) and.push({ eventId: oid(query.eventId) });
  if (query.userId) and.push({ userId: oid(query.userId) });
  if (query.status) and.push({ status: query.status });
  if (query.rejectionReason) and.push({ rejectionReason: query.rejectionReason });
  if (query.createdAt) and.push({ createdAt: range(query.createdAt) });
  if (query.before) {
    and.push({ $or: [{ createdAt: { $lt: query.before.createdAt } }, { createdAt: query.before.createdAt, _id: { $lt: oid(query.before.id) } }] });
  }
  return and.length ? { $and: and } : {};
}

export const CLAIM_SORT = { createdAt: -1, _id: -1 } as const;
