import { PlatformClient } from '../../platform-client';
import { UsageError } from '../args';
import { writeSession, type StoredSession } from '../session';
import { DEFAULT_DEVICE_ID, DEFAULT_URL, PROGRAM, type Command } from '../command';

export const loginCommand: Command = {
  name: 'login',
  summary: 'log in and keep the session (tokens) in the session file, mode 0600',
  options: [
    { name: 'username', type: 'string', valueName: 'U', required: true, description: 'user name' },
    { name: 'password', type: 'string', valueName: 'P', description: 'password; default $OPS_PASSWORD (keeps it out of the shell history)' },
    { name: 'device', type: 'string', valueName: 'ID', description: `device id of the session; default ${DEFAULT_DEVICE_ID}` },
  ],
  examples: [`${PROGRAM} login --username ops_olga --password 'correct horse battery'`],
  async run(context, options) {
    const username = options.requiredString('username');
    const password = options.string('password') ?? context.env['OPS_PASSWORD'];
    if (!password) throw new UsageError('Missing --password (or set OPS_PASSWORD).', 'login');
    const url = context.explicitUrl ?? DEFAULT_URL;
    const deviceId = options.string('device') ?? DEFAULT_DEVICE_ID;
    const client = new PlatformClient({ url, deviceId, ...(context.fetch ? { fetch: context.fetch } : {}) });
    const payload = await client.logIn({ username, password });
    const session: StoredSession = {
      version: 1,
      url,
      username: payload.user.username,
      userId: payload.user.id,
      roles: payload.user.roles,
      deviceId,
      accessToken: payload.accessToken,
      accessTokenExpiresAt: payload.accessTokenExpiresAt,
      refreshToken: payload.refreshToken,
      refreshTokenExpiresAt: payload.refreshTokenExpiresAt,
    };
    await writeSession(context.sessionFile, session);
    context.io.stdout(
      `Logged in as ${session.username} (${session.userId}) with roles ${session.roles.join(', ')} at ${url}.\n` +
        `Session saved to ${context.sessionFile}.\n`,
    );
  },
};
