import { createHash } from 'node:crypto';

/** One staff action, as the audit log keeps it: hash-chained to the entry before it. */
export interface AuditEntryRecord {
  id: string;
  /** 1, 2, 3, … without gaps: the chain's order, and the key that serializes appends. */
  seq: number;
  at: Date;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
  requestId: string | null;
  /** The hash of entry seq − 1 ('' for the first). */
  prevHash: string;
  hash: string;
}

export type NewAuditEntry = Omit<AuditEntryRecord, 'seq' | 'prevHash' | 'hash'>;

export interface AuditQuery {
  actorId?: string;
  targetId?: string;
  action?: string;
  /** Strictly after / before these times. */
  after?: Date;
  before?: Date;
}

export interface AuditStore {
  /**
   * Appends `entry` as the next link of the chain: seq = last + 1, prevHash = last hash.
   * Concurrent appends never share a seq (one of them retries on the new tail) and none
   * is lost.
   */
  append(entry: NewAuditEntry): Promise<AuditEntryRecord>;
  /** Newest first (seq descending), seq < beforeSeq. */
  list(query: AuditQuery, beforeSeq: number | undefined, limit: number): Promise<AuditEntryRecord[]>;
  count(query: AuditQuery): Promise<number>;
  /** Oldest first, seq > afterSeq: for walking the whole chain. */
  chain(afterSeq: number, limit: number): Promise<AuditEntryRecord[]>;
}

/**
 * The canonical form an entry's hash covers: every field but the hash, in a fixed order,
 * as JSON (times as ISO strings), so any edit to any field changes the hash.
 */
export function canonicalAuditEntry(entry: Omit<AuditEntryRecord, 'hash'>): string {
  return JSON.stringify([entry.seq, entry.id, entry.at.toISOString(), entry.actorId, entry.action, entry.targetType, entry.targetId, entry.summary, entry.requestId, entry.prevHash]);
}

export function auditHash(entry: Omit<AuditEntryRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditEntry(entry)).digest('hex');
}

/** The next link after `tail` (null: the chain is empty). */
export function chainedEntry(entry: NewAuditEntry, tail: Pick<AuditEntryRecord, 'seq' | 'hash'> | null): AuditEntryRecord {
  const linked = { ...entry, seq: (tail?.seq ?? 0) + 1, prevHash: tail?.hash ?? '' };
  return { ...linked, hash: auditHash(linked) };
}

/** Whether `entry` is intact and follows `previous` (null: it must be the first). */
export function linkHolds(entry: AuditEntryRecord, previous: AuditEntryRecord | null): boolean {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  const expectedPrev = previous?.hash ?? '';
  return entry.seq === expectedSeq && entry.prevHash === expectedPrev && auditHash(entry) === entry.hash;
}

export function matchesAuditQuery(entry: AuditEntryRecord, query: AuditQuery): boolean {
  return (
    (query.actorId === undefined || entry.actorId === query.actorId) &&
    (query.targetId === undefined || entry.targetId === query.targetId) &&
    (query.action === undefined || entry.action === query.action) &&
    (query.after === undefined || entry.at > query.after) &&
    (query.before === undefined || entry.at < query.before)
  );
}
