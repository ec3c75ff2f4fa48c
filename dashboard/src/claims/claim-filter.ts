import type { ClaimFilter, ClaimRejectionReason, ClaimStatus } from '@platform/client';

/** A date input's day (YYYY-MM-DD) → the start of that day in UTC, as ISO-8601. */
export const dayStart = (day: string) => new Date(`${day}T00:00:00Z`).toISOString();
const nextDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

/** The filter the form describes; the date range covers whole UTC days, both ends included. */
export function claimFilterOf(fields: Record<string, string>): ClaimFilter {
  const filter: ClaimFilter = {};
  if (fields['event']) filter.eventId = fields['event'].trim();
  if (fields['user']) filter.userId = fields['user'].trim();
  if (fields['status']) filter.status = fields['status'] as ClaimStatus;
  if (fields['reason']) filter.rejectionReason = fields['reason'] as ClaimRejectionReason;
  if (fields['from']) filter.createdAfter = new Date(Date.parse(dayStart(fields['from'])) - 1).toISOString();
  if (fields['to']) filter.createdBefore = nextDayStart(fields['to']);
  return filter;
}

