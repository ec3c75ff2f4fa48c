import { AuditLogDocument, type AuditFilter } from '../../generated/graphql';
import { parseIsoDate } from '../args';
import { formatTable } from '../table';
import { MAX_PAGE, PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

export const auditLogCommand: Command = {
  name: 'audit-log',
  summary: 'print the staff audit log, newest first (AUDITOR, ADMIN)',
  options: [
    { name: 'actor', type: 'string', valueName: 'ID', description: 'only actions by this staff member' },
    { name: 'target', type: 'string', valueName: 'ID', description: 'only actions on this user, event or claim' },
    { name: 'action', type: 'string', valueName: 'NAME', description: 'only this action, e.g. setRoles' },
    { name: 'after', type: 'string', valueName: 'ISO', description: 'only entries after this instant' },
    { name: 'before', type: 'string', valueName: 'ISO', description: 'only entries before this instant' },
    { name: 'first', type: 'integer', valueName: 'N', min: 1, max: MAX_PAGE, description: 'how many; default 20' },
    { name: 'json', type: 'boolean', description: 'print JSON instead of a table' },
  ],
  examples: [`${PROGRAM} audit-log --action setRoles --after 2026-03-01T00:00:00Z`],
  async run(context, options) {
    const filter: AuditFilter = {};
    const actor = options.string('actor');
    const target = options.string('target');
    const action = options.string('action');
    const after = options.string('after');
    const before = options.string('before');
    if (actor) filter.actorId = actor;
    if (target) filter.targetId = target;
    if (action) filter.action = action;
    if (after) filter.after = parseIsoDate(after, 'after', 'audit-log');
    if (before) filter.before = parseIsoDate(before, 'before', 'audit-log');
    const { client } = await openSession(context);
    const { auditLog } = await client.execute(AuditLogDocument, { filter, first: options.integer('first') ?? 20 });
    const out = context.io.stdout;
    const entries = auditLog.edges.map((edge) => edge.node);
    if (options.flag('json')) return out(`${JSON.stringify({ totalCount: auditLog.totalCount, entries }, null, 2)}\n`);
    if (!entries.length) return out('No audit entries match.\n');
    const rows = entries.map((e) => [e.at, e.actor.username, e.action, `${e.targetType} ${e.targetId}`, e.summary, e.requestId]);
    out(formatTable(['AT', 'BY', 'ACTION', 'TARGET', 'SUMMARY', 'REQUEST'], rows, 70));
    out(`${entries.length} of ${auditLog.totalCount} entr${auditLog.totalCount === 1 ? 'y' : 'ies'}.\n`);
  },
};
