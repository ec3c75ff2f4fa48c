import type { Role } from '@platform/client';

/** Every role, in the order the dashboard lists them. */
export const ROLES: readonly Role[] = ['USER', 'OPERATOR', 'AUDITOR', 'ADMIN'];

/** What each staff role sees in the dashboard: the README's role table, as screens. */
export interface Screens {
  /** Events list, create, edit, duplicate, activate/deactivate. */
  manageEvents: boolean;
  /** Events list and live view, read-only. */
  viewEvents: boolean;
  /** The claims table and CSV export. */
  auditClaims: boolean;
  /** Find users, open them. */
  findUsers: boolean;
  /** Roles, bans, sessions. */
  administerUsers: boolean;
  /** Holdings adjustments (OPERATOR, ADMIN). */
  adjustHoldings: boolean;
}

export function screensFor(roles: readonly Role[]): Screens {
  const has = (role: Role) => roles.includes(role);
  const staff = has('OPERATOR') || has('AUDITOR') || has('ADMIN');
  return {
    manageEvents: has('OPERATOR') || has('ADMIN'),
    viewEvents: staff,
    // Every staff role may read claims (rewardClaims); the table is the auditor's tool.
    auditClaims: staff,
    findUsers: has('AUDITOR') || has('ADMIN'),
    administerUsers: has('ADMIN'),
    adjustHoldings: has('OPERATOR') || has('ADMIN'),
  };
}
