import { allow } from 'graphql-shield';
import { rule } from 'graphql-shield';
import { anyRole, buildPermissions, currentRoleRules, forbidden, isSignedIn, isStaff, Role, unauthenticated } from '@platform/shared';
import type { UsersContext } from './context';
import type { User } from './schema/user';

/** Depends on the parent, so never cached across fields (graphql-shield #349). */
const isSelfOrStaff = rule('isSelfOrStaff', { cache: 'no_cache' })((user: User, _args, context: UsersContext) => {
  if (context.provenUserIds.has(user.id)) return true;
  const caller = context.auth.caller;
  if (!caller) return context.auth.tokenError ?? unauthenticated();
  return caller.userId === user.id || isStaff(caller) ? true : forbidden('Only the user themself and staff may see this.');
});

const staff = anyRole(Role.OPERATOR, Role.AUDITOR, Role.ADMIN);

/**
 * Changes to people and balances re-check the caller's account: a demoted, banned or
 * logged-out admin's access token (valid up to its expiry) must not keep those powers.
 */
const currentRole = currentRoleRules<UsersContext>(
  'users',
  (caller, context) => context.services.auth.currentAccount(caller),
  (context) => context.services.clock.now(),
);

/** The role table of API.graphql for what users owns. */
export const usersPermissions = buildPermissions({
  Query: {
    me: isSignedIn,
    user: staff,
    users: anyRole(Role.AUDITOR, Role.ADMIN),
    auditLog: anyRole(Role.AUDITOR, Role.ADMIN),
    auditLogIntegrity: anyRole(Role.AUDITOR, Role.ADMIN),
    serverTime: allow,
    _service: allow,
    // The gateway forwards the caller's token; anonymous operations never need User entities.
    _entities: isSignedIn,
  },
  Mutation: {
    signUp: allow,
    logIn: allow,
    refreshSession: allow,
    logOut: isSignedIn,
    revokeSessions: currentRole(Role.ADMIN),
    setRoles: currentRole(Role.ADMIN),
    banUser: currentRole(Role.ADMIN),
    adjustHoldings: currentRole(Role.OPERATOR, Role.ADMIN),
    setTimeZone: isSignedIn,
    advanceTestClock: currentRole(Role.ADMIN),
  },
  // Through the gateway a User is only reached by guarded fields; a direct _entities call
  // to the subgraph must not reveal other people's names, roles or bans either.
  User: { '*': isSelfOrStaff, id: allow },
  PlayerProfile: allow,
  InventoryItem: allow,
  CouponHolding: allow,
  LoginStats: allow,
  AuthPayload: allow,
  UserConnection: allow,
  // Reached only through User.holdingsLedger, which is self-or-staff.
  HoldingsLedgerConnection: allow,
  HoldingsLedgerEdge: allow,
  HoldingsLedgerEntry: allow,
  // Reached only through auditLog, which is AUDITOR/ADMIN.
  AuditEntry: allow,
  AuditEntryEdge: allow,
  AuditEntryConnection: allow,
  AuditIntegrity: allow,
  UserEdge: allow,
  PageInfo: allow,
  _Service: allow,
});
