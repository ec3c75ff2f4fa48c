import { formatRewards } from '../../format';
import { AuditRewardClaimsDocument } from '../../generated/graphql';
import { formatTable } from '../table';
import { CLAIM_FILTER_OPTIONS, claimFilterOf } from '../claim-filter';
import { MAX_PAGE, PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

export const claimsCommand: Command = {
  name: 'claims',
  summary: 'list reward claims, newest first (every attempt, granted or rejected)',
  options: [
    ...CLAIM_FILTER_OPTIONS,
    { name: 'first', type: 'integer', valueName: 'N', min: 1, max: MAX_PAGE, description: 'how many; default 20' },
    { name: 'json', type: 'boolean', description: 'print JSON instead of a table' },
  ],
  examples: [`${PROGRAM} claims --event 6650c0ffee --status GRANTED --after 2026-03-01T00:00:00Z --first 50`],
  async run(context, options) {
    const filter = claimFilterOf(options, 'claims');
    const { client } = await openSession(context);
    const { rewardClaims } = await client.execute(AuditRewardClaimsDocument, { filter, first: options.integer('first') ?? 20 });
    const claims = rewardClaims.edges.map((edge) => edge.node);
    if (options.flag('json')) {
      context.io.stdout(`${JSON.stringify({ totalCount: rewardClaims.totalCount, claims }, null, 2)}\n`);
      return;
    }
    if (!claims.length) {
      context.io.stdout('No claims match.\n');
      return;
    }
    const rows = claims.map((claim) => [
      claim.createdAt,
      claim.id,
      claim.event.title,
      claim.user.username,
      claim.status,
      claim.rejectionReason,
      claim.delivery,
      formatRewards(claim.rewards),
    ]);
    context.io.stdout(formatTable(['CREATED', 'ID', 'EVENT', 'USER', 'STATUS', 'REASON', 'DELIVERY', 'REWARDS'], rows));
    context.io.stdout(
      `${claims.length} of ${rewardClaims.totalCount} claim${rewardClaims.totalCount === 1 ? '' : 's'}` +
        `${rewardClaims.pageInfo.hasNextPage ? ` (use ${PROGRAM} export-claims for all of them)` : ''}.\n`,
    );
  },
};
