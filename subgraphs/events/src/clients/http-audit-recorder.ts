import { auditEntriesRoute, JsonPostTransport, parseInternalAnswer, serviceUnavailable, SERVICE_TOKEN_HEADER, type InternalRequest, type JsonAnswer, type Logger } from '@platform/shared';
import type { AuditRecorder, StaffAuditEntry } from '../services/audit-recorder';

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
    const request: InternalRequest<typeof auditEntriesRoute> = { ...entry, at: entry.at.toISOString() };
    let response: JsonAnswer;
    try {
      response = await this.transport.post(auditEntriesRoute.path, request);
    } catch (error) {
      this.logger.error('audit log unreachable; the staff action was not made', { action: entry.action, error: (error as Error).message });
      throw unwritten();
    }
    if (response.status !== 201) {
      this.logger.error('audit log refused an entry; the staff action was not made', { action: entry.action, status: response.status });
      throw unwritten();
    }
    // An answer off the contract may come from a users build that did not append the entry.
    const parsed = parseInternalAnswer(auditEntriesRoute, response.body);
    if (!parsed.ok) {
      this.logger.error('audit log answered off the contract; the staff action was not made', { action: entry.action, problem: parsed.problem });
      throw unwritten();
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

const unwritten = () => serviceUnavailable('The audit log could not be written, so nothing was changed.');
