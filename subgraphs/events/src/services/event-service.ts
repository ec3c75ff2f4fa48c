import {
  conflict,
  decodeTimeIdCursor,
  encodeTimeIdCursor,
  isId,
  isStaff,
  newId,
  notFound,
  pageSize,
  toPage,
  type Caller,
  type Clock,
  type Page,
} from '@platform/shared';
import type { AuditRecorder } from './audit-recorder';
import { createdSummary, updateSummary } from './event-audit';
import { ClaimPeriod, EventStatus } from '../enums';
import type { DateRange, EventQuery } from '../store/event-query';
import type { ClaimStore, EventStore, StockEdit } from '../store/ports';
import type { EventRecord } from '../store/records';
import {
  validChallenges,
  validClaimLimit,
  validDescription,
  validRewards,
  validSchedule,
  validTitle,
  type EventFieldsInput,
  type EventPatchInput,
} from './event-input';

export interface EventFilter {
  status?: EventStatus | null;
  isPublic?: boolean | null;
  startsAfter?: Date | null;
  startsBefore?: Date | null;
}

export interface EventPage extends Page<EventRecord> {
  cursorOf(event: EventRecord): string;
}

/** Players see public, active events; staff see everything. */
export function canSee(caller: Caller | null, event: EventRecord): boolean {
  return isStaff(caller) || (event.isPublic && event.active);
}

const MAX_UPDATE_ATTEMPTS = 5;

/** Operators' events: creation, edits under the grant rules, and what each caller may see. */
export class EventService {
  constructor(
    private readonly events: EventStore,
    private readonly claims: ClaimStore,
    private readonly clock: Clock,
    /** How long a new limit on an event with grants holds the stock (see StockReconciler). */
    private readonly stockGraceMs: number,
    /** Every create and edit is recorded before it is written (see AuditRecorder). */
    private readonly audit: AuditRecorder,
  ) {}

  async create(creatorId: string, input: EventFieldsInput): Promise<EventRecord> {
    const title = validTitle(input.title);
    const description = validDescription(input.description ?? null);
    validSchedule(input.startsAt, input.endsAt);
    const challenges = validChallenges(input.challenges ?? []);
    const rewards = validRewards(input.rewards);
    const claimLimit = validClaimLimit(input.claimLimit ?? null);
    const claimPeriod = input.claimPeriod ?? ClaimPeriod.ONCE;
    const now = this.clock.now();
    const event: EventRecord = {
      id: newId(),
      title,
      description,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      isPublic: input.isPublic ?? true,
      active: input.active ?? true,
      challenges,
      rewards,
      claimPeriod,
      claimLimit,
      // Periodic events count per game period, in their own stock documents.
      claimsRemaining: claimPeriod === ClaimPeriod.ONCE ? claimLimit : null,
      frozen: false,
      stockSettlesAt: null,
      createdBy: creatorId,
      createdAt: now,
      updatedAt: now,
      version: 0,
    };
    await this.audit.record({ actorId: creatorId, action: 'createEvent', targetType: 'Event', targetId: event.id, summary: createdSummary(event), at: now });
    await this.events.insert(event);
    return event;
  }

  /**
   * Applies the patch to the latest stored event with one conditional write on its version.
   * Grants never change the version, so an event being claimed can always be edited; the
   * store re-checks the freeze and the stock in the same write.
   */
  async update(actorId: string, id: string, patch: EventPatchInput): Promise<EventRecord> {
    const challenges = patch.challenges != null ? validChallenges(patch.challenges) : undefined;
    const rewards = patch.rewards != null ? validRewards(patch.rewards) : undefined;
    const title = patch.title != null ? validTitle(patch.title) : undefined;
    const description = patch.description !== undefined ? validDescription(patch.description) : undefined;
    const claimLimit = patch.claimLimit !== undefined ? validClaimLimit(patch.claimLimit) : undefined;

    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const current = isId(id) ? await this.events.findById(id) : null;
      if (!current) throw notFound(`No event with id "${id}".`);
      const claimPeriod = patch.claimPeriod != null && patch.claimPeriod !== current.claimPeriod ? patch.claimPeriod : undefined;
      // Frozen with the content; the same period again is no change, so it may be sent once frozen.
      const changesContent = challenges !== undefined || rewards !== undefined || claimPeriod !== undefined;
      if (changesContent && current.frozen) throw frozenContent();
      const fields = {
        ...(title !== undefined ? { title } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(patch.startsAt != null ? { startsAt: patch.startsAt } : {}),
        ...(patch.endsAt != null ? { endsAt: patch.endsAt } : {}),
        ...(patch.isPublic != null ? { isPublic: patch.isPublic } : {}),
        ...(patch.active != null ? { active: patch.active } : {}),
        ...(challenges ? { challenges } : {}),
        ...(rewards ? { rewards } : {}),
        ...(claimPeriod ? { claimPeriod } : {}),
        updatedAt: this.clock.now(),
      };
      validSchedule(fields.startsAt ?? current.startsAt, fields.endsAt ?? current.endsAt);
      const newLimit = claimLimit !== undefined ? claimLimit : current.claimLimit;
      const stock =
        claimPeriod !== undefined
          ? periodChangeStock(claimPeriod, newLimit)
          : newLimit !== current.claimLimit
            ? current.claimPeriod === ClaimPeriod.ONCE
              ? await this.stockEdit(current, newLimit)
              : periodLimitStock(current, newLimit)
            : undefined;
      // Recorded against the version this attempt writes over; a retry after a concurrent
      // edit records again, against the newer version.
      await this.audit.record({ actorId, action: 'updateEvent', targetType: 'Event', targetId: id, summary: updateSummary(current, fields, claimLimit), at: fields.updatedAt });
      const result = await this.events.update(id, current.version, { fields, changesContent, ...(stock ? { stock } : {}) });
      switch (result.outcome) {
        case 'updated':
          return result.event;
        case 'not-found':
          throw notFound(`No event with id "${id}".`);
        case 'frozen':
          throw frozenContent();
        case 'stock-too-low':
          throw belowTaken((result.event.claimLimit ?? 0) - (result.event.claimsRemaining ?? 0));
        case 'changed':
          continue;
      }
    }
    throw conflict('The event kept changing while it was being updated; try again.');
  }

  /** How a new limit changes the stock, from the event as read. */
  private async stockEdit(current: EventRecord, claimLimit: number | null): Promise<StockEdit> {
    if (claimLimit === null) return { kind: 'unlimited' };
    const settlesAt = current.stockSettlesAt;
    if (current.claimLimit !== null && settlesAt === null) return { kind: 'adjust', claimLimit, by: claimLimit - current.claimLimit };
    // Not frozen: no grant exists or can commit (a grant freezes the event at this version first).
    if (!current.frozen) return { kind: 'set', claimLimit, remaining: claimLimit, settlesAt: null, frozen: false };
    // Grants evaluated as unlimited may still be committing: count what is committed now,
    // and hold the stock at 0 until the reconciler can count them all.
    const granted = await this.claims.countGranted(current.id);
    if (claimLimit < granted) throw belowTaken(granted);
    const now = this.clock.now().getTime();
    return { kind: 'set', claimLimit, remaining: 0, settlesAt: settlesAt ?? new Date(now + this.stockGraceMs), frozen: true };
  }

  /** Null when missing, malformed or not visible to the caller: they are all "no such event". */
  async findVisible(caller: Caller | null, id: string): Promise<EventRecord | null> {
    const event = isId(id) ? await this.events.findById(id) : null;
    return event && canSee(caller, event) ? event : null;
  }

  async findByIds(ids: readonly string[]): Promise<EventRecord[]> {
    return this.events.findByIds(ids.filter(isId));
  }

  async list(caller: Caller | null, filter: EventFilter, first?: number | null, after?: string | null): Promise<EventPage> {
    const size = pageSize(first);
    const cursorOf = (event: EventRecord) => encodeTimeIdCursor(event.startsAt, event.id);
    const query = this.queryFor(caller, filter);
    if (!query) return { items: [], hasNextPage: false, cursorOf };
    if (after) {
      const { at, id } = decodeTimeIdCursor(after);
      query.after = { startsAt: at, id };
    }
    query.limit = size + 1;
    return { ...toPage(await this.events.list(query), size), cursorOf };
  }

  /** The store query for a filter, or null when the filter cannot match anything the caller sees. */
  private queryFor(caller: Caller | null, filter: EventFilter): EventQuery | null {
    const now = this.clock.now();
    const query: EventQuery = { limit: 0 };
    let startsAt: DateRange = {};
    let endsAt: DateRange = {};
    if (filter.isPublic != null) query.isPublic = filter.isPublic;
    if (filter.startsAfter) startsAt.gt = filter.startsAfter;
    if (filter.startsBefore) startsAt.lt = filter.startsBefore;
    switch (filter.status) {
      case EventStatus.INACTIVE:
        query.active = false;
        break;
      case EventStatus.SCHEDULED:
        query.active = true;
        startsAt = { ...startsAt, gt: later(startsAt.gt, now) };
        break;
      case EventStatus.RUNNING:
        query.active = true;
        startsAt.lte = now;
        endsAt = { gt: now };
        break;
      case EventStatus.ENDED:
        query.active = true;
        endsAt = { lte: now };
        break;
      default:
        break;
    }
    if (!isStaff(caller)) {
      if (query.isPublic === false || query.active === false) return null;
      query.isPublic = true;
      query.active = true;
    }
    if (Object.keys(startsAt).length > 0) query.startsAt = startsAt;
    if (Object.keys(endsAt).length > 0) query.endsAt = endsAt;
    return query;
  }
}

const frozenContent = () => conflict('Challenges, rewards and claimPeriod cannot change once a claim was granted.');

/** A new claimPeriod (only before the first grant): the stock starts over under the new scheme. */
function periodChangeStock(claimPeriod: ClaimPeriod, claimLimit: number | null): StockEdit {
  if (claimPeriod !== ClaimPeriod.ONCE) return { kind: 'period-limit', claimLimit, requireUnfrozen: true };
  return claimLimit === null ? { kind: 'unlimited' } : { kind: 'set', claimLimit, remaining: claimLimit, settlesAt: null, frozen: false };
}

/**
 * A periodic event's new limit. Between two limits it applies at once (each game period
 * counts units taken, never below 0 left). Limited ↔ unlimited only before the first grant:
 * grants made while unlimited were never counted in the period's stock.
 */
function periodLimitStock(current: EventRecord, claimLimit: number | null): StockEdit {
  const togglesLimit = (current.claimLimit === null) !== (claimLimit === null);
  if (togglesLimit && current.frozen) throw conflict('A DAILY or WEEKLY event cannot become limited or unlimited once a claim was granted.');
  return { kind: 'period-limit', claimLimit, requireUnfrozen: togglesLimit };
}
const belowTaken = (taken: number) => conflict(`claimLimit cannot go below the ${taken} claims already granted.`);

function later(a: Date | undefined, b: Date): Date {
  return a && a > b ? a : b;
}
