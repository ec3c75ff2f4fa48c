import { serviceUnavailable } from '@platform/shared';
import type { AuditRecorder, StaffAuditEntry } from '../../subgraphs/events/src/services/audit-recorder';

/** events' audit port in subgraph tests: keeps what was recorded; `failing` makes it refuse like an unreachable log. */
export class MemoryAuditRecorder implements AuditRecorder {
  readonly entries: StaffAuditEntry[] = [];
  failing = false;

  async record(entry: StaffAuditEntry): Promise<void> {
    if (this.failing) throw serviceUnavailable('The audit log could not be written, so nothing was changed.');
    this.entries.push({ ...entry });
  }
}
