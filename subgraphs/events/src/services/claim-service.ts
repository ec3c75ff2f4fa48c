import {
  badInput,
  decodeTimeIdCursor,
  encodeTimeIdCursor,
  isId,
  isStaff,
  newId,
  pageSize,
  serviceUnavailable,
  toPage,
  unauthenticated,
  type Caller,
  type Clock,
  type Page,
} from '@platform/shared';
import { ClaimPeriod, ClaimRejectionReason, ClaimStatus, DeliveryStatus } from '../enums';
import { gamePeriodKey, playerPeriodKey } from './claim-period';
import type { ClaimQuery, DateRange } from '../store/event-query';
import type { ClaimStore, EventStore } from '../store/ports';
import type { GrantSteps } from './grant-steps';
import { HOLDS_GRANT, type ClaimRecord, type EventRecord } from '../store/records';
import type { DeliveryService } from './delivery-service';
import { canSee } from './event-service';
import type { PlayerDirectory, PlayerStanding } from './player-directory';
import type { ClaimHistorySource } from './evaluation-context';
import { standingsFor, type ChallengeStanding } from './challenge-standings';

export type { ChallengeStanding };

export type ClaimResult =
  | { granted: true; claim: ClaimRecord }
  | { granted: false; reason: ClaimRejectionReason; message: string; claim: ClaimRecord | null; unmet: ChallengeStanding[] };

export interface ClaimFilter {
  eventId?: string | null;
  userId?: string | null;
  status?: ClaimStatus | null;
  rejectionReason?: ClaimRejectionReason | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

export interface ClaimPage extends Page<ClaimRecord> {
  totalCount: number;
  cursorOf(claim: ClaimRecord): string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
const MAX_GRANT_ATTEMPTS = 5;

const MESSAGES: Record<ClaimRejectionReason, string> = {
  EVENT_NOT_FOUND: 'There is no such event.',
  EVENT_INACTIVE: 'This event is not active.',
  EVENT_NOT_STARTED: 'This event has not started yet.',
  EVENT_ENDED: 'This event has ended.',
  ALREADY_CLAIMED: 'You have already claimed this reward.',
  CHALLENGE_NOT_MET: 'You do not meet every challenge of this event yet.',
  SOLD_OUT: 'All rewards of this event have been claimed.',
  USER_BANNED: 'Your account is banned.',
};

/** Players see their own claims; staff see every claim. */
export function canSeeClaim(caller: Caller, claim: ClaimRecord): boolean {
  return isStaff(caller) || claim.userId === caller.userId;
}

/**
 * claimReward and the claim history. The store's grant is the only place a reward is
 * granted: conditional stock decrement + unique grant per (event, user, period) + outbox entry,
 * committed together. Everything before it is advice; the store is the arbiter.
 */
export class ClaimService {
  constructor(
    private readonly events: EventStore,
    private readonly claims: ClaimStore,
    private readonly players: PlayerDirectory,
    private readonly delivery: DeliveryService,
    private readonly clock: Clock,
    private readonly grants: GrantSteps,
    /** The player's granted claims, which some challenges look at. */
    private readonly history: ClaimHistorySource,
    /** GAME_TIME_ZONE: players' default zone, and the zone of periodic events' global counters. */
    private readonly gameZone: string = 'UTC',
  ) {}

  async claim(caller: Caller, eventId: string, idempotencyKey: string | null): Promise<ClaimResult> {
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw badInput('idempotencyKey must be 1–128 visible ASCII characters.', 'idempotencyKey');
    }
    const replay = idempotencyKey ? await this.replay(caller.userId, eventId, idempotencyKey) : null;
    if (replay) return replay;

    for (let attempt = 0; attempt < MAX_GRANT_ATTEMPTS; attempt++) {
      const result = await this.tryClaim(caller, eventId, idempotencyKey);
      if (result !== 'retry') return result;
    }
    throw serviceUnavailable('The event kept changing while claiming; try again.', 1);
  }

  private async tryClaim(caller: Caller, eventId: string, idempotencyKey: string | null): Promise<ClaimResult | 'retry'> {
    const userId = caller.userId;
    const event = isId(eventId) ? await this.events.findById(eventId) : null;
    // Events a player cannot see (private or inactive) do not exist for them: the same answer
    // as for no event, and, like it, not recorded, so no claim of theirs ever shows it.
    if (!event || !canSee(caller, event)) return this.rejected(ClaimRejectionReason.EVENT_NOT_FOUND, null);

    const now = this.clock.now();
    // The player's period (their local day or week); null for ONCE events and until known.
    let period: string | null = null;
    const record = (reason: ClaimRejectionReason, unmet: ChallengeStanding[] = [], earlier: ClaimRecord | null = null) =>
      this.recordRejection(event, userId, idempotencyKey, reason, unmet, earlier, now, period);

    if (!event.active) return record(ClaimRejectionReason.EVENT_INACTIVE);
    if (now < event.startsAt) return record(ClaimRejectionReason.EVENT_NOT_STARTED);
    if (now >= event.endsAt) return record(ClaimRejectionReason.EVENT_ENDED);

    // Periodic events need the player's zone schedule before anything else: it names the period.
    let standing = event.claimPeriod === ClaimPeriod.ONCE ? null : await this.standingOf(userId);
    if (standing) period = playerPeriodKey(event.claimPeriod, standing.timeZone, now, this.gameZone);
    const earlier = await this.claims.findGranted(event.id, userId, period);
    if (earlier) return record(ClaimRejectionReason.ALREADY_CLAIMED, [], earlier);

    standing ??= await this.standingOf(userId);
    if (standing.bannedUntil && standing.bannedUntil > now) return record(ClaimRejectionReason.USER_BANNED);
    const unmet = (await standingsFor(event, standing, now, this.history)).filter((progress) => !progress.met);
    if (unmet.length > 0) return record(ClaimRejectionReason.CHALLENGE_NOT_MET, unmet);

    const claim: ClaimRecord = {
      id: newId(),
      eventId: event.id,
      userId,
      status: ClaimStatus.GRANTED,
      rejectionReason: null,
      rewards: event.rewards,
      delivery: DeliveryStatus.PENDING,
      idempotencyKey,
      createdAt: now,
      period,
      eventVersion: event.version,
      deliveryError: null,
    };
    const delivery = this.delivery.newDelivery(claim.id, userId, claim.rewards);
    const outcome = await this.grants.grant(event, claim, delivery, gamePeriodKey(event.claimPeriod, now, this.gameZone));
    switch (outcome.outcome) {
      case 'granted': {
        const attempt = await this.delivery.attempt(delivery);
        return { granted: true, claim: { ...outcome.claim, delivery: attempt.status, deliveryError: attempt.error } };
      }
      case 'sold-out':
        return record(ClaimRejectionReason.SOLD_OUT);
      case 'already-claimed':
        return record(ClaimRejectionReason.ALREADY_CLAIMED, [], await this.claims.findGranted(event.id, userId, period));
      case 'idempotency-key-used':
        return (await this.replay(userId, eventId, idempotencyKey as string)) ?? 'retry';
      case 'event-not-found':
        return this.rejected(ClaimRejectionReason.EVENT_NOT_FOUND, null);
      case 'event-changed':
        return 'retry';
      case 'settling':
        // A new limit is being counted; nothing was recorded, the same key may be retried.
        throw serviceUnavailable('The stock of this event is being recounted; try again shortly.', Math.max(1, Math.ceil((outcome.until.getTime() - now.getTime()) / 1000)));
    }
  }

  /** The first result for this key, or null when the key is new. */
  private async replay(userId: string, eventId: string, key: string): Promise<ClaimResult | null> {
    const first = await this.claims.findByIdempotencyKey(userId, key);
    if (!first) return null;
    if (first.eventId !== eventId) throw badInput('This idempotencyKey was already used for another event.', 'idempotencyKey');
    // A grant revoked since replays as the grant it was, with its current status (REVOKED).
    if (HOLDS_GRANT.includes(first.status)) return { granted: true, claim: first };
    const reason = first.rejectionReason ?? ClaimRejectionReason.EVENT_NOT_FOUND;
    const earlier = reason === ClaimRejectionReason.ALREADY_CLAIMED ? await this.claims.findGranted(first.eventId, userId, first.period) : null;
    return this.rejected(reason, earlier ?? first);
  }

  private async recordRejection(
    event: EventRecord,
    userId: string,
    idempotencyKey: string | null,
    reason: ClaimRejectionReason,
    unmet: ChallengeStanding[],
    earlier: ClaimRecord | null,
    now: Date,
    period: string | null,
  ): Promise<ClaimResult | 'retry'> {
    const claim: ClaimRecord = {
      id: newId(),
      eventId: event.id,
      userId,
      status: ClaimStatus.REJECTED,
      rejectionReason: reason,
      rewards: [],
      delivery: null,
      idempotencyKey,
      createdAt: now,
      period,
      eventVersion: null,
      deliveryError: null,
    };
    if (!(await this.claims.recordRejection(claim))) {
      // The same key won a race a moment ago: answer what it answered.
      return (await this.replay(userId, event.id, idempotencyKey as string)) ?? 'retry';
    }
    return this.rejected(reason, earlier ?? claim, unmet);
  }

  private rejected(reason: ClaimRejectionReason, claim: ClaimRecord | null, unmet: ChallengeStanding[] = []): ClaimResult {
    return { granted: false, reason, message: MESSAGES[reason], claim, unmet };
  }

  private async standingOf(userId: string): Promise<PlayerStanding> {
    const standing = (await this.players.standings([userId])).get(userId);
    if (!standing) throw unauthenticated('Your account no longer exists.');
    return standing;
  }

  async findByIds(ids: readonly string[]): Promise<ClaimRecord[]> {
    return this.claims.findByIds(ids.filter(isId));
  }

  grantedForUser(userId: string, eventIds: readonly string[]): Promise<ClaimRecord[]> {
    return this.claims.findGrantedForUser(userId, eventIds.filter(isId));
  }

  /** Players see their own claims only, whatever filter.userId says; staff see all. */
  async list(caller: Caller, filter: ClaimFilter, first?: number | null, after?: string | null): Promise<ClaimPage> {
    const size = pageSize(first);
    const userId = isStaff(caller) ? (filter.userId ?? undefined) : caller.userId;
    const createdAt: DateRange = {};
    if (filter.createdAfter) createdAt.gt = filter.createdAfter;
    if (filter.createdBefore) createdAt.lt = filter.createdBefore;
    const base: Omit<ClaimQuery, 'limit'> = {
      ...(filter.eventId ? { eventId: filter.eventId } : {}),
      ...(userId ? { userId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.rejectionReason ? { rejectionReason: filter.rejectionReason } : {}),
      ...(Object.keys(createdAt).length ? { createdAt } : {}),
    };
    const cursorOf = (claim: ClaimRecord) => encodeTimeIdCursor(claim.createdAt, claim.id);
    // Ids that cannot exist match nothing; no need to ask the store.
    if ((base.eventId && !isId(base.eventId)) || (base.userId && !isId(base.userId))) return { items: [], hasNextPage: false, totalCount: 0, cursorOf };
    const query: ClaimQuery = { ...base, limit: size + 1 };
    if (after) {
      const { at, id } = decodeTimeIdCursor(after);
      query.before = { createdAt: at, id };
    }
    const [fetched, totalCount] = await Promise.all([this.claims.list(query), this.claims.count(base)]);
    return { ...toPage(fetched, size), totalCount, cursorOf };
  }
}
