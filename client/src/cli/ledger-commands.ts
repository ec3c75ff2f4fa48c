import { AuditLogDocument, AuditLogIntegrityDocument, RevokeClaimDocument, UserHoldingsLedgerDocument, type AuditFilter, type LedgerReason } from '../generated/graphql';
import type { PlatformClient } from '../platform-client';
import { formatRewards } from '../format';
import { parseIsoDate, UsageError, type OptionSpec, type ParsedOptions } from './args';
import { formatTable } from './table';

/** What a command needs from the CLI around it (ops-cli.ts owns sessions and dispatch). */
export interface LedgerCommandDeps<TContext> {
  program: string;
  maxPage: number;
  openSession(context: TContext): Promise<{ client: PlatformClient }>;
  stdout(context: TContext): (text: string) => void;
}

export interface LedgerCommand<TContext> {
  name: string;
  summary: string;
  options: readonly OptionSpec[];
  examples: readonly string[];
  run(context: TContext, options: ParsedOptions): Promise<void>;
}

const LEDGER_REASONS: readonly LedgerReason[] = ['REWARD_GRANT', 'ADJUSTMENT', 'REVOCATION'];
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
const deltas = (entry: { cashDelta: number; coinsDelta: number; itemDeltas: { itemId: string; quantity: number }[]; couponDeltas: { couponId: string; quantity: number }[] }) =>
  [
    ...(entry.cashDelta ? [`cash ${signed(entry.cashDelta)}`] : []),
    ...(entry.coinsDelta ? [`coins ${signed(entry.coinsDelta)}`] : []),
    ...entry.itemDeltas.map((i) => `${i.itemId} ${signed(i.quantity)}`),
    ...entry.couponDeltas.map((c) => `coupon ${c.couponId} ${signed(c.quantity)}`),
  ].join(', ') || 'nothing';

/** `ledger`, `audit-log`, `audit-integrity` and `revoke-claim`: the accountability commands. */
export function ledgerCommands<TContext>(deps: LedgerCommandDeps<TContext>): LedgerCommand<TContext>[] {
  const { program, maxPage } = deps;
  return [
    {
      name: 'ledger',
      summary: "print a user's holdings ledger, newest first (every grant, adjustment and revocation)",
      options: [
        { name: 'user', type: 'string', valueName: 'ID', required: true, description: 'user id' },
        { name: 'reason', type: 'string', valueName: 'REASON', choices: LEDGER_REASONS, description: 'only entries with this reason' },
        { name: 'first', type: 'integer', valueName: 'N', min: 1, max: maxPage, description: 'how many; default 20' },
        { name: 'json', type: 'boolean', description: 'print JSON instead of a table' },
      ],
      examples: [`${program} ledger --user 6650c0ffee --reason ADJUSTMENT --first 50`],
      async run(context, options) {
        const { client } = await deps.openSession(context);
        const reason = options.string('reason') as LedgerReason | undefined;
        const { user } = await client.execute(UserHoldingsLedgerDocument, { id: options.requiredString('user'), ...(reason ? { reason } : {}), first: options.integer('first') ?? 20 });
        const out = deps.stdout(context);
        if (!user) throw new UsageError(`No user with id ${options.requiredString('user')}.`, 'ledger');
        const entries = user.holdingsLedger.edges.map((edge) => edge.node);
        if (options.flag('json')) return out(`${JSON.stringify(entries, null, 2)}\n`);
        if (!entries.length) return out(`No ledger entries for ${user.username}.\n`);
        const rows = entries.map((e) => [e.at, e.reason, deltas(e), `${e.cashAfter}/${e.coinsAfter}`, e.claimId, e.actor?.username ?? e.actor?.id, `${e.note ?? ''}${e.shortfall ? ' [shortfall]' : ''}`]);
        out(`Ledger of ${user.username} (${user.id}):\n`);
        out(formatTable(['AT', 'REASON', 'CHANGE', 'CASH/COINS AFTER', 'CLAIM', 'BY', 'NOTE'], rows, 60));
        if (user.holdingsLedger.pageInfo.hasNextPage) out(`(older entries exist; raise --first, up to ${maxPage})\n`);
      },
    },
    {
      name: 'audit-log',
      summary: 'print the staff audit log, newest first (AUDITOR, ADMIN)',
      options: [
        { name: 'actor', type: 'string', valueName: 'ID', description: 'only actions by this staff member' },
        { name: 'target', type: 'string', valueName: 'ID', description: 'only actions on this user, event or claim' },
        { name: 'action', type: 'string', valueName: 'NAME', description: 'only this action, e.g. setRoles' },
        { name: 'after', type: 'string', valueName: 'ISO', description: 'only entries after this instant' },
        { name: 'before', type: 'string', valueName: 'ISO', description: 'only entries before this instant' },
        { name: 'first', type: 'integer', valueName: 'N', min: 1, max: maxPage, description: 'how many; default 20' },
        { name: 'json', type: 'boolean', description: 'print JSON instead of a table' },
      ],
      examples: [`${program} audit-log --action setRoles --after 2026-03-01T00:00:00Z`],
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
        const { client } = await deps.openSession(context);
        const { auditLog } = await client.execute(AuditLogDocument, { filter, first: options.integer('first') ?? 20 });
        const out = deps.stdout(context);
        const entries = auditLog.edges.map((edge) => edge.node);
        if (options.flag('json')) return out(`${JSON.stringify({ totalCount: auditLog.totalCount, entries }, null, 2)}\n`);
        if (!entries.length) return out('No audit entries match.\n');
        const rows = entries.map((e) => [e.at, e.actor.username, e.action, `${e.targetType} ${e.targetId}`, e.summary, e.requestId]);
        out(formatTable(['AT', 'BY', 'ACTION', 'TARGET', 'SUMMARY', 'REQUEST'], rows, 70));
        out(`${entries.length} of ${auditLog.totalCount} entr${auditLog.totalCount === 1 ? 'y' : 'ies'}.\n`);
      },
    },
    {
      name: 'audit-integrity',
      summary: "recompute the audit log's hash chain; exit 1 and name the first entry that does not match",
      options: [],
      examples: [`${program} audit-integrity`],
      async run(context) {
        const { client } = await deps.openSession(context);
        const { auditLogIntegrity: report } = await client.execute(AuditLogIntegrityDocument);
        if (!report.intact) throw new Error(`The audit log is NOT intact: entry ${report.firstBrokenEntryId} does not match its hash chain (${report.entriesChecked} entries checked).`);
        deps.stdout(context)(`The audit log is intact: ${report.entriesChecked} entries checked.\n`);
      },
    },
    {
      name: 'revoke-claim',
      summary: "take a granted claim back (ADMIN): users debits what the player still holds of it",
      options: [
        { name: 'claim', type: 'string', valueName: 'ID', required: true, description: 'claim id' },
        { name: 'note', type: 'string', valueName: 'TEXT', required: true, description: 'why (recorded in the ledger and the audit log)' },
      ],
      examples: [`${program} revoke-claim --claim 6650c0ffee --note 'granted twice by the spring bug'`],
      async run(context, options) {
        const { client } = await deps.openSession(context);
        const { revokeClaim: claim } = await client.execute(RevokeClaimDocument, { claimId: options.requiredString('claim'), note: options.requiredString('note') });
        deps.stdout(context)(`Claim ${claim.id} is ${claim.status}; taking back ${formatRewards(claim.rewards)} (what the player still holds of it).\n`);
      },
    },
  ];
}
