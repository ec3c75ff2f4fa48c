import { formatRewards } from '../../format';
import { RevokeClaimDocument } from '../../generated/graphql';
import { PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

export const revokeClaimCommand: Command = {
  name: 'revoke-claim',
  summary: "take a granted claim back (ADMIN): users debits what the player still holds of it",
  options: [
    { name: 'claim', type: 'string', valueName: 'ID', required: true, description: 'claim id' },
    { name: 'note', type: 'string', valueName: 'TEXT', required: true, description: 'why (recorded in the ledger and the audit log)' },
  ],
  examples: [`${PROGRAM} revoke-claim --claim 6650c0ffee --note 'granted twice by the spring bug'`],
  async run(context, options) {
    const { client } = await openSession(context);
    const { revokeClaim: claim } = await client.execute(RevokeClaimDocument, { claimId: options.requiredString('claim'), note: options.requiredString('note') });
    context.io.stdout(`Claim ${claim.id} is ${claim.status}; taking back ${formatRewards(claim.rewards)} (what the player still holds of it).\n`);
  },
};
