import { MeDocument } from '../../generated/graphql';
import { NotLoggedInError, PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

export const whoamiCommand: Command = {
  name: 'whoami',
  summary: 'show who the stored session belongs to',
  options: [],
  examples: [`${PROGRAM} whoami`],
  async run(context) {
    const { client } = await openSession(context);
    const { me } = await client.execute(MeDocument);
    if (!me) throw new NotLoggedInError(`The session in ${context.sessionFile} is no longer signed in: run '${PROGRAM} login' again.`);
    context.io.stdout(`${me.username} (${me.id}) roles ${me.roles.join(', ')} at ${client.url}\n`);
  },
};
