import { SetRolesDocument, type Role } from '../../generated/graphql';
import { parseList, UsageError } from '../args';
import { PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

const ROLES: readonly Role[] = ['USER', 'OPERATOR', 'AUDITOR', 'ADMIN'];

export const setRolesCommand: Command = {
  name: 'set-roles',
  summary: "replace a user's roles (ADMIN only); they apply from the user's next log-in or refresh",
  options: [
    { name: 'user', type: 'string', valueName: 'ID', required: true, description: 'user id' },
    { name: 'roles', type: 'string', valueName: 'R1,R2', required: true, description: `comma-separated, from ${ROLES.join(', ')}` },
  ],
  examples: [`${PROGRAM} set-roles --user 6650c0ffee --roles OPERATOR,USER`],
  async run(context, options) {
    const userId = options.requiredString('user');
    const roles = [...new Set(parseList(options.requiredString('roles')).map((role) => role.toUpperCase()))];
    const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
    if (unknown.length) throw new UsageError(`Unknown role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; roles are ${ROLES.join(', ')}.`, 'set-roles');
    if (!roles.length) throw new UsageError('--roles needs at least one role.', 'set-roles');
    const { client } = await openSession(context);
    const { setRoles: user } = await client.execute(SetRolesDocument, { userId, roles: roles as Role[] });
    context.io.stdout(`${user.username} (${user.id}) now has roles ${user.roles.join(', ')}.\n`);
  },
};
