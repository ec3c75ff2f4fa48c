/** A range on a date field; every bound optional. */
export interface DateRange {
  gt?: Date;
  gte?: Date;
  lt?: Date;
  lte?: Date;
}

/** What `events` asks of a store: conditions AND-ed, keyset-paged by (startsAt, id). */
export interface EventQuery {
  isPublic?: boolean;
  active?: boolean;
  startsAt?: DateRange;
  endsAt?: DateRange;
  after?: { startsAt: Date; id: string };
  limit: number;
}

export function inRange(value: Date, range: DateRange | undefined): boolean {
  if (!range) return true;
  const t = value.getTime();
  return (
    (range.gt === undefined || t > range.gt.getTime()) &&
    (range.gte === undefined || t >= range.gte.getTime()) &&
    (range.lt === undefined || t < range.lt.getTime()) &&
    (range.lte === undefined || t <= range.lte.getTime())
  );
}

/** Filter on claims; keyset-paged newest first by (createdAt desc, id desc). */
export interface ClaimQuery {
  eventId?: string;
  userId?: string;
  status?: string;
  rejectionReason?: string;
  createdAt?: DateRange;
  before?: { createdAt: Date; id: string };
  limit: number;
}
