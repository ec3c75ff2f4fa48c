import { newId, Role, type Clock, type Logger } from '@platform/shared';
import { UsernameTakenError, type UserStore } from '../store/ports';
import { PasswordHasher } from './password';
import { validateCredentials } from './validation';

/**
 * How the first ADMIN comes to exist: ADMIN_USERNAME / ADMIN_PASSWORD at start-up.
 * Only acts while nobody holds ADMIN, so a running platform's admins stay in charge.
 * An existing account of that name is promoted only when the password matches, so
 * whoever signed up first under that name cannot inherit the role.
 */
export async function bootstrapAdmin(
  users: UserStore,
  credentials: { username: string; password: string },
  clock: Clock,
  logger: Logger,
  hasher: PasswordHasher = new PasswordHasher(),
): Promise<void> {
  if ((await users.countWithRole(Role.ADMIN)) > 0) return;
  const { username, password } = validateCredentials({ ...credentials, deviceId: 'bootstrap' }, 'ADMIN');
  const existing = await users.findByUsername(username);
  if (existing) {
    if (!(await hasher.verify(password, existing.passwordHash)).ok) {
      throw new Error(`ADMIN_USERNAME "${username}" exists with another password; refusing to promote it`);
    }
    await users.setRoles(existing.id, [...new Set([...existing.roles, Role.ADMIN])]);
    logger.info('granted ADMIN to the bootstrap account', { username });
    return;
  }
  try {
    await users.create({ id: newId(), username, passwordHash: await hasher.hash(password), roles: [Role.USER, Role.ADMIN], createdAt: clock.now(), bannedUntil: null });
    logger.info('created the bootstrap ADMIN account', { username });
  } catch (error) {
    // Another instance created it at the same moment: fine.
    if (!(error instanceof UsernameTakenError)) throw error;
  }
}
