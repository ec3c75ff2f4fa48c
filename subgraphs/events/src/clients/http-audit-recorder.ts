import { JsonPostTransport, requestIdHeaders, serviceUnavailable, SERVICE_TOKEN_HEADER, type Logger } from '@platform/shared';
import type { AuditRecorder, StaffAuditEntry } from '../services/audit-recorder';

const PATH = '/internal/audit-entries';

/**
 * Appends to users' audit log over its internal route, with the shared service secret and
 * the current request's id (users stores it on the entry).
 */
export class HttpAuditRecorder implements AuditRecorder {
  private readonly transport: JsonPostTransport;

  constructor(
    usersGraphqlUrl: string,
    serviceSecret: string,
    private readonly logger: Logger,
    timeoutMs = 3000,
  ) {
    this.transport = new JsonPostTransport(usersGraphqlUrl, { [SERVICE_TOKEN_HEADER]: serviceSecret }, { timeoutMs });
  }

  async record(entry: StaffAuditEntry): Promise<void> {
    let status: number;
    try {
      status = (await this.transport.post(PATH, { ...entry, at: entry.at.toISOString() }, requestIdHeaders())).status;
    } catch (error) {
      this.logger.error('audit log unreachable; the staff action was not made', { action: entry.action, error: (error as Error).message });
      throw unwritten();
    }
    if (status !== 201) {
      this.logger.error('audit log refused an entry; the staff action was not made', { action: entry.action, status });
      throw unwritten();
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

const unwritten = () => serviceUnavailable('The audit log could not be written, so nothing was changed.');
