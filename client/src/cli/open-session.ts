import { PlatformClient, type SessionTokens } from '../platform-client';
import { readSession, writeSession, type StoredSession } from './session';
import { DEFAULT_URL, NotLoggedInError, PROGRAM, type CommandContext } from './command';

/** Reads the stored session into a client that writes rotated tokens back to the file. */
export async function openSession(context: CommandContext): Promise<{ client: PlatformClient; session: StoredSession }> {
  const stored = await readSession(context.sessionFile);
  if (!stored) {
    throw new NotLoggedInError(
      `Not logged in: run '${PROGRAM} login --username U --password P' first (no session in ${context.sessionFile}).`,
    );
  }
  let session = stored;
  context.session = session;
  const client = new PlatformClient({
    url: context.explicitUrl ?? session.url ?? DEFAULT_URL,
    deviceId: session.deviceId,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    ...(context.fetch ? { fetch: context.fetch } : {}),
    // Refresh tokens are single use: the rotated one must reach the file, or the next run
    // would present a spent token and the server would revoke the session.
    onTokens: async (tokens: SessionTokens | null) => {
      if (!tokens) return;
      session = {
        ...session,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        ...(tokens.accessTokenExpiresAt ? { accessTokenExpiresAt: tokens.accessTokenExpiresAt } : {}),
        ...(tokens.refreshTokenExpiresAt ? { refreshTokenExpiresAt: tokens.refreshTokenExpiresAt } : {}),
      };
      context.session = session;
      await writeSession(context.sessionFile, session);
    },
  });
  return { client, session };
}

