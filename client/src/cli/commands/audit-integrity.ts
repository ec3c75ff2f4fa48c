import { AuditLogIntegrityDocument } from '../../generated/graphql';
import { PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

export const auditIntegrityCommand: Command = {
  name: 'audit-integrity',
  summary: "recompute the audit log's hash chain; exit 1 and name the first entry that does not match",
  options: [],
  examples: [`${PROGRAM} audit-integrity`],
  async run(context) {
    const { client } = await openSession(context);
    const { auditLogIntegrity: report } = await client.execute(AuditLogIntegrityDocument);
    if (!report.intact) throw new Error(`The audit log is NOT intact: entry ${report.firstBrokenEntryId} does not match its hash chain (${report.entriesChecked} entries checked).`);
    context.io.stdout(`The audit log is intact: ${report.entriesChecked} entries checked.\n`);
  },
};
