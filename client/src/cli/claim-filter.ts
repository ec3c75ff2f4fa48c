import type { ClaimFilter, ClaimStatus } from '../generated/graphql';
import { parseIsoDate, UsageError, type OptionSpec, type ParsedOptions } from './args';

const CLAIM_STATUSES: readonly ClaimStatus[] = ['GRANTED', 'REJECTED', 'REVOKED'];

export const CLAIM_FILTER_OPTIONS: readonly OptionSpec[] = [
  { name: 'event', type: 'string', valueName: 'ID', description: 'only claims on this event' },
  { name: 'user', type: 'string', valueName: 'ID', description: 'only claims by this user' },
  { name: 'status', type: 'string', valueName: 'STATUS', choices: CLAIM_STATUSES, description: 'only claims with this status' },
  { name: 'after', type: 'string', valueName: 'ISO', description: 'only claims created after this instant (e.g. 2026-01-31T00:00:00Z)' },
  { name: 'before', type: 'string', valueName: 'ISO', description: 'only claims created before this instant' },
];

/** The claim filter the options ask for; dates are normalised and must be in order. */
export function claimFilterOf(options: ParsedOptions, command: string): ClaimFilter {
  const after = options.string('after');
  const before = options.string('before');
  const filter: ClaimFilter = {};
  const eventId = options.string('event');
  const userId = options.string('user');
  const status = options.string('status') as ClaimStatus | undefined;
  if (eventId) filter.eventId = eventId;
  if (userId) filter.userId = userId;
  if (status) filter.status = status;
  if (after) filter.createdAfter = parseIsoDate(after, 'after', command);
  if (before) filter.createdBefore = parseIsoDate(before, 'before', command);
  if (filter.createdAfter && filter.createdBefore && filter.createdAfter >= filter.createdBefore) {
    throw new UsageError('--after must be earlier than --before.', command);
  }
  return filter;
}

