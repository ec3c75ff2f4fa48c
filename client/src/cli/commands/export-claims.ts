import { resolve } from 'node:path';
import { AuditRewardClaimsDocument, type AuditRewardClaimsQuery } from '../../generated/graphql';
import { CLAIM_FILTER_OPTIONS, claimFilterOf } from '../claim-filter';
import { writeClaimsCsv, writeFileAtomically } from '../claims-csv-file';
import { MAX_PAGE, PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

export const exportClaimsCommand: Command = {
  name: 'export-claims',
  summary: 'write every matching claim to a CSV file (RFC 4180, with a header row), paging through all of them',
  options: [
    { name: 'out', type: 'string', valueName: 'FILE', required: true, description: "CSV file to write ('-' for standard output)" },
    ...CLAIM_FILTER_OPTIONS,
  ],
  examples: [`${PROGRAM} export-claims --out march-claims.csv --after 2026-03-01 --before 2026-04-01`],
  async run(context, options) {
    const filter = claimFilterOf(options, 'export-claims');
    const out = options.requiredString('out');
    const { client } = await openSession(context);
    const pages = (async function* () {
      let after: string | null = null;
      for (;;) {
        const page: AuditRewardClaimsQuery = await client.execute(AuditRewardClaimsDocument, { filter, first: MAX_PAGE, after });
        const { rewardClaims } = page;
        yield rewardClaims.edges.map((edge) => edge.node);
        const next: string | null = rewardClaims.pageInfo.endCursor;
        if (!rewardClaims.pageInfo.hasNextPage) return;
        if (!next || next === after) throw new Error('The server reported more claims but gave no new cursor; stopping.');
        after = next;
      }
    })();
    if (out === '-') {
      const count = await writeClaimsCsv(pages, (text) => context.io.stdout(text));
      context.io.stderr(`Exported ${count} claim${count === 1 ? '' : 's'}.\n`);
      return;
    }
    const path = resolve(context.cwd, out);
    const count = await writeFileAtomically(path, (write) => writeClaimsCsv(pages, write));
    context.io.stdout(`Exported ${count} claim${count === 1 ? '' : 's'} to ${path}.\n`);
  },
};
