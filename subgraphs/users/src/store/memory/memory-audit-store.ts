import { chainedEntry, matchesAuditQuery, type AuditEntryRecord, type AuditQuery, type AuditStore, type NewAuditEntry } from '../audit';

/** Appends read the tail and push without an await in between: serialized on Node's one thread. */
export class MemoryAuditStore implements AuditStore {
  /** Index i holds seq i + 1. Exposed to tests that tamper with the log behind the service's back. */
  readonly entries: AuditEntryRecord[] = [];

  async append(entry: NewAuditEntry): Promise<AuditEntryRecord> {
    const linked = chainedEntry(entry, this.entries.at(-1) ?? null);
    this.entries.push(linked);
    return structuredClone(linked);
  }

  async list(query: AuditQuery, beforeSeq: number | undefined, limit: number): Promise<AuditEntryRecord[]> {
    const found: AuditEntryRecord[] = [];
    for (let i = this.entries.length - 1; i >= 0 && found.length < limit; i--) {
      const entry = this.entries[i]!;
      if (beforeSeq !== undefined && entry.seq >= beforeSeq) continue;
      if (matchesAuditQuery(entry, query)) found.push(structuredClone(entry));
    }
    return found;
  }

  async count(query: AuditQuery): Promise<number> {
    return this.entries.filter((entry) => matchesAuditQuery(entry, query)).length;
  }

  async chain(afterSeq: number, limit: number): Promise<AuditEntryRecord[]> {
    return this.entries.filter((entry) => entry.seq > afterSeq).slice(0, limit).map((entry) => structuredClone(entry));
  }
}
