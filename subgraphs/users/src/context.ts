import type { AuditTrail } from './services/audit-trail';
import type DataLoader from 'dataloader';
import { loaderById, unauthenticated, type AuthenticatedContext, type Caller, type Clock } from '@platform/shared';
import type { AuthService } from './services/auth-service';
import type { HoldingsService } from './services/holdings-service';
import type { TestClockService } from './services/test-clock';
import type { TimeZoneService } from './services/time-zone-service';
import type { UserAdminService } from './services/user-admin-service';
import type { UserRecord } from './store/records';

export interface UsersServices {
  clock: Clock;
  auth: AuthService;
  admin: UserAdminService;
  holdings: HoldingsService;
  timeZones: TimeZoneService;
  testClock: TestClockService;
  audit: AuditTrail;
}

export interface UsersContext extends AuthenticatedContext {
  services: UsersServices;
  /** Per request: every User looked up in one operation costs one store query. */
  userById: DataLoader<string, UserRecord | null>;
  /** Users who proved who they are in this request (signUp, logIn, refreshSession). */
  provenUserIds: Set<string>;
  /** The caller's IP address (client-address.ts); null for in-process calls without one. */
  clientAddress: string | null;
}

export function createUserLoader(admin: UserAdminService): DataLoader<string, UserRecord | null> {
  return loaderById((ids) => admin.findByIds(ids));
}

/** Shield already refused anonymous callers; this keeps the type honest. */
export function callerOf(context: UsersContext): Caller {
  if (!context.auth.caller) throw context.auth.tokenError ?? unauthenticated();
  return context.auth.caller;
}
