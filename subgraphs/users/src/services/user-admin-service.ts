import {
  badInput,
  conflict,
  decodeIdCursor,
  encodeCursor,
  isId,
  notFound,
  pageSize,
  Role,
  toPage,
  type Clock,
  type Page,
} from '@platform/shared';
import type { SessionStore, UserStore } from '../store/ports';
import type { AuditRecorder } from './audit-trail';
import { banSummary, rolesSummary } from './audit-summaries';
import type { UserRecord } from '../store/records';

export interface UserPage extends Page<UserRecord> {
  cursorOf(user: UserRecord): string;
}

/** Reading people and the administrator's powers over them: roles, bans, sessions. */
export class UserAdminService {
  constructor(
    private readonly users: UserStore,
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
    /** Every change here is recorded before it is made (see AuditTrail). */
    private readonly audit: AuditRecorder,
  ) {}

  async findById(id: string): Promise<UserRecord | null> {
    return isId(id) ? this.users.findById(id) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    return this.users.findByIds(ids.filter(isId));
  }

  async list(query: { role?: Role | null; usernamePrefix?: string | null; first?: number | null; after?: string | null }): Promise<UserPage> {
    const size = pageSize(query.first);
    const prefix = query.usernamePrefix;
    if (prefix !== null && prefix !== undefined && (prefix.length < 1 || prefix.length > 32)) {
      throw badInput('usernamePrefix must be 1–32 characters.', 'filter.usernamePrefix');
    }
    const afterId = query.after ? decodeIdCursor(query.after) : undefined;
    const fetched = await this.users.list({
      ...(query.role ? { role: query.role } : {}),
      ...(prefix ? { usernamePrefix: prefix } : {}),
      ...(afterId ? { afterId } : {}),
      limit: size + 1,
    });
    return { ...toPage(fetched, size), cursorOf: (user) => encodeCursor([user.id]) };
  }

  async setRoles(actorId: string, userId: string, roles: Role[]): Promise<UserRecord> {
    const unique = [...new Set(roles)];
    if (unique.length === 0) throw badInput('roles must name at least one role.', 'roles');
    const user = await this.require(userId);
    if (user.roles.includes(Role.ADMIN) && !unique.includes(Role.ADMIN) && (await this.users.countWithRole(Role.ADMIN)) <= 1) {
      throw conflict(
        actorId === userId ? 'You are the last ADMIN: grant ADMIN to someone else first.' : 'That would leave the platform without an ADMIN.',
      );
    }
    await this.audit.record({ actorId, action: 'setRoles', targetType: 'User', targetId: user.id, summary: rolesSummary(user.roles, unique) });
    const updated = (await this.users.setRoles(user.id, unique)) ?? this.missing(userId);
    // The count above can race another demotion; if together they removed the last ADMIN,
    // undo this one. Two racing demotions both undo, so an ADMIN always remains.
    if (user.roles.includes(Role.ADMIN) && !unique.includes(Role.ADMIN) && (await this.users.countWithRole(Role.ADMIN)) === 0) {
      await this.users.setRoles(user.id, user.roles);
      throw conflict('That would leave the platform without an ADMIN.');
    }
    return updated;
  }

  /** Bans until `until`, or lifts the ban with null. A ban also ends every session. */
  async ban(actorId: string, userId: string, until: Date | null): Promise<UserRecord> {
    if (actorId === userId) throw badInput('You cannot ban yourself.', 'userId');
    if (until && until <= this.clock.now()) throw badInput('until must be in the future; pass null to lift a ban.', 'until');
    const user = await this.require(userId);
    await this.audit.record({ actorId, action: 'banUser', targetType: 'User', targetId: user.id, summary: banSummary(until) });
    const updated = (await this.users.setBannedUntil(user.id, until)) ?? this.missing(userId);
    if (until) await this.sessions.deleteAllForUser(user.id);
    return updated;
  }

  async revokeSessions(actorId: string, userId: string): Promise<number> {
    const user = await this.require(userId);
    await this.audit.record({ actorId, action: 'revokeSessions', targetType: 'User', targetId: user.id, summary: 'every session ended' });
    return this.sessions.deleteAllForUser(user.id);
  }

  async require(userId: string): Promise<UserRecord> {
    return (await this.findById(userId)) ?? this.missing(userId);
  }

  private missing(userId: string): never {
    throw notFound(`No user with id "${userId}".`);
  }
}
