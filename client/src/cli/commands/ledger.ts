import { UserHoldingsLedgerDocument, type LedgerReason } from '../../generated/graphql';
import { UsageError } from '../args';
import { formatTable } from '../table';
import { MAX_PAGE, PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

const LEDGER_REASONS: readonly LedgerReason[] = ['REWARD_GRANT', 'ADJUSTMENT', 'REVOCATION'];
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
const deltas = (entry: { cashDelta: number; coinsDelta: number; itemDeltas: { itemId: string; quantity: number }[]; couponDeltas: { couponId: string; quantity: number }[] }) =>
  [
    ...(entry.cashDelta ? [`cash ${signed(entry.cashDelta)}`] : []),
    ...(entry.coinsDelta ? [`coins ${signed(entry.coinsDelta)}`] : []),
    ...entry.itemDeltas.map((i) => `${i.itemId} ${signed(i.quantity)}`),
    ...entry.couponDeltas.map((c) => `coupon ${c.couponId} ${signed(c.quantity)}`),
  ].join(', ') || 'nothing';

export const ledgerCommand: Command = {
  name: 'ledger',
  summary: "print a user's holdings ledger, newest first (every grant, adjustment and revocation)",
  options: [
    { name: 'user', type: 'string', valueName: 'ID', required: true, description: 'user id' },
    { name: 'reason', type: 'string', valueName: 'REASON', choices: LEDGER_REASONS, description: 'only entries with this reason' },
    { name: 'first', type: 'integer', valueName: 'N', min: 1, max: MAX_PAGE, description: 'how many; default 20' },
    { name: 'json', type: 'boolean', description: 'print JSON instead of a table' },
  ],
  examples: [`${PROGRAM} ledger --user 6650c0ffee --reason ADJUSTMENT --first 50`],
  async run(context, options) {
    const { client } = await openSession(context);
    const reason = options.string('reason') as LedgerReason | undefined;
    const { user } = await client.execute(UserHoldingsLedgerDocument, { id: options.requiredString('user'), ...(reason ? { reason } : {}), first: options.integer('first') ?? 20 });
    const out = context.io.stdout;
    if (!user) throw new UsageError(`No user with id ${options.requiredString('user')}.`, 'ledger');
    const entries = user.holdingsLedger.edges.map((edge) => edge.node);
    if (options.flag('json')) return out(`${JSON.stringify(entries, null, 2)}\n`);
    if (!entries.length) return out(`No ledger entries for ${user.username}.\n`);
    const rows = entries.map((e) => [e.at, e.reason, deltas(e), `${e.cashAfter}/${e.coinsAfter}`, e.claimId, e.actor?.username ?? e.actor?.id, `${e.note ?? ''}${e.shortfall ? ' [shortfall]' : ''}`]);
    out(`Ledger of ${user.username} (${user.id}):\n`);
    out(formatTable(['AT', 'REASON', 'CHANGE', 'CASH/COINS AFTER', 'CLAIM', 'BY', 'NOTE'], rows, 60));
    if (user.holdingsLedger.pageInfo.hasNextPage) out(`(older entries exist; raise --first, up to ${MAX_PAGE})\n`);
  },
};
