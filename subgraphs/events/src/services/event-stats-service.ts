import { isStaff, type Caller } from '@platform/shared';
import type { ClaimStatsRecord, StatsBucketUnit } from '../store/claim-stats';
import type { ClaimStore } from '../store/ports';

/** Staff's live figures for one event: operators watch a launch, auditors and admins review it. */
export class EventStatsService {
  constructor(private readonly claims: ClaimStore) {}

  /** Null for callers without a staff role: players never see other players' activity. */
  async forEvent(caller: Caller | null, eventId: string, unit: StatsBucketUnit): Promise<ClaimStatsRecord | null> {
    if (!caller || !isStaff(caller)) return null;
    return this.claims.stats(eventId, unit);
  }
}
