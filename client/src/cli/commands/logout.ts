import { GraphQLRequestError } from '../../platform-client';
import { deleteSession } from '../session';
import { PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

export const logoutCommand: Command = {
  name: 'logout',
  summary: "end the stored session on the server and delete the session file",
  options: [],
  examples: [`${PROGRAM} logout`],
  async run(context) {
    const { client, session } = await openSession(context);
    try {
      await client.logOut(session.deviceId);
    } catch (error) {
      if (!(error instanceof GraphQLRequestError && error.hasCode('UNAUTHENTICATED'))) throw error;
      // The session had already ended on the server; forgetting it locally is all that is left.
    }
    await deleteSession(context.sessionFile);
    context.io.stdout(`Logged out ${session.username}; removed ${context.sessionFile}.\n`);
  },
};
