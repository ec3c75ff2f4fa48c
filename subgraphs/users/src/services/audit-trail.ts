import { badInput, currentRequestId, decodeCursor, encodeCursor, isId, newId, pageSize, serviceUnavailable, toPage, type Clock, type Page } from '@platform/shared';
import { linkHolds, type AuditEntryRecord, type AuditQuery, type AuditStore } from '../store/audit';

/** What a staff action says about itself; time, request id and the chain are added here. */
export interface StaffAction {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
  /** Set when the action was made in another subgraph's request (events over the internal route). */
  requestId?: string | null;
  at?: Date;
}

/** Records staff actions before they take effect. */
export interface AuditRecorder {
  record(action: StaffAction): Promise<AuditEntryRecord>;
}

export interface AuditFilterInput {
  actorId?: string | null;
  targetId?: string | null;
  action?: string | null;
  after?: Date | null;
  before?: Date | null;
}

export interface AuditPage extends Page<AuditEntryRecord> {
  totalCount: number;
  cursorOf(entry: AuditEntryRecord): string;
}

export interface AuditIntegrityReport {
  entriesChecked: number;
  intact: boolean;
  firstBrokenEntryId: string | null;
}

const CHAIN_PAGE = 1000;
export const MAX_SUMMARY_LENGTH = 1000;
const MAX_NAME_LENGTH = 64;

/**
 * The platform's one audit log (users keeps it; events appends over an internal route).
 * Callers record *before* the change they describe: a log that cannot be written stops
 * the action, so no staff change goes unaudited (an entry whose action then failed is
 * possible, and says so only by the absence of its effect).
 */
export class AuditTrail implements AuditRecorder {
  constructor(
    private readonly store: AuditStore,
    private readonly clock: Clock,
  ) {}

  async record(action: StaffAction): Promise<AuditEntryRecord> {
    for (const [name, value] of [['action', action.action], ['targetType', action.targetType]] as const) {
      if (!value || value.length > MAX_NAME_LENGTH) throw badInput(`${name} must be 1–${MAX_NAME_LENGTH} characters.`, name);
    }
    try {
      return await this.store.append({
        id: newId(),
        at: action.at ?? this.clock.now(),
        actorId: action.actorId,
        action: action.action,
        targetType: action.targetType,
        targetId: action.targetId,
        summary: action.summary.slice(0, MAX_SUMMARY_LENGTH),
        requestId: action.requestId ?? currentRequestId(),
      });
    } catch (error) {
      // Never the store's internals: the staff member learns the action did not happen.
      throw serviceUnavailable(`The audit log could not be written, so nothing was changed (${(error as Error).name}).`);
    }
  }

  async list(filter: AuditFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<AuditPage> {
    const size = pageSize(first);
    const query = toQuery(filter ?? {});
    const beforeSeq = after ? decodeSeqCursor(after) : undefined;
    const [fetched, totalCount] = await Promise.all([this.store.list(query, beforeSeq, size + 1), this.store.count(query)]);
    return { ...toPage(fetched, size), totalCount, cursorOf: (entry) => encodeCursor([entry.seq]) };
  }

  /** Walks the whole chain oldest first, recomputing every hash and link. */
  async integrity(): Promise<AuditIntegrityReport> {
    let previous: AuditEntryRecord | null = null;
    let checked = 0;
    for (;;) {
      const page = await this.store.chain(previous?.seq ?? 0, CHAIN_PAGE);
      for (const entry of page) {
        checked += 1;
        if (!linkHolds(entry, previous)) return { entriesChecked: checked, intact: false, firstBrokenEntryId: entry.id };
        previous = entry;
      }
      if (page.length < CHAIN_PAGE) return { entriesChecked: checked, intact: true, firstBrokenEntryId: null };
    }
  }
}

function toQuery(filter: AuditFilterInput): AuditQuery {
  if (filter.actorId && !isId(filter.actorId)) throw badInput('actorId is not a user id.', 'filter.actorId');
  if (filter.after && filter.before && filter.after >= filter.before) throw badInput('filter.after must be before filter.before.', 'filter.after');
  return {
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.after ? { after: filter.after } : {}),
    ...(filter.before ? { before: filter.before } : {}),
  };
}

function decodeSeqCursor(cursor: string): number {
  const [seq] = decodeCursor(cursor, ['number']) as [number];
  if (!Number.isSafeInteger(seq) || seq < 1) throw badInput('after is not a cursor this API issued.', 'after');
  return seq;
}
