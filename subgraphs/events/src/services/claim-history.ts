import { ClaimStatus } from '../enums';
import type { ClaimQuery } from '../store/event-query';
import type { ClaimStore, EventStore } from '../store/ports';
import type { ClaimedEvent, ClaimHistorySource } from './evaluation-context';

const PAGE = 500;
/** A player holds at most one GRANTED claim per event; far above any real history. */
const MAX_CLAIMS = 20_000;

/** The player's GRANTED claims with their events' titles, from the stores. */
export class StoredClaimHistory implements ClaimHistorySource {
  constructor(
    private readonly claims: ClaimStore,
    private readonly events: EventStore,
  ) {}

  async grantedEventsOf(userId: string): Promise<readonly ClaimedEvent[]> {
    const eventIds = new Set<string>();
    const query: ClaimQuery = { userId, status: ClaimStatus.GRANTED, limit: PAGE };
    for (let seen = 0; seen < MAX_CLAIMS; seen += PAGE) {
      const page = await this.claims.list(query);
      for (const claim of page) eventIds.add(claim.eventId);
      const last = page.at(-1);
      if (page.length < PAGE || !last) break;
      query.before = { createdAt: last.createdAt, id: last.id };
    }
    if (eventIds.size === 0) return [];
    const events = await this.events.findByIds([...eventIds]);
    return events.map((event) => ({ eventId: event.id, title: event.title }));
  }
}

/** Per request: one load per player however many events an operation evaluates. */
export function memoizedHistory(source: ClaimHistorySource): ClaimHistorySource {
  const loaded = new Map<string, Promise<readonly ClaimedEvent[]>>();
  return {
    grantedEventsOf(userId) {
      let history = loaded.get(userId);
      if (!history) {
        history = source.grantedEventsOf(userId);
        loaded.set(userId, history);
      }
      return history;
    },
  };
}
