import type { ClaimAdminService } from './services/claim-admin-service';
import type { RevocationService } from './services/revocation-service';
import type DataLoader from 'dataloader';
import { loaderById, loaderFromMap, unauthenticated, type AuthenticatedContext, type Caller, type Clock, type CurrentAccount } from '@platform/shared';
import type { ClaimService } from './services/claim-service';
import type { DeliveryService } from './services/delivery-service';
import type { EventService } from './services/event-service';
import type { EventStatsService } from './services/event-stats-service';
import type { PeriodicClaims } from './services/periodic-claims';
import { memoizedHistory } from './services/claim-history';
import type { ClaimHistorySource } from './services/evaluation-context';
import type { PlayerDirectory, PlayerStanding } from './services/player-directory';
import type { ClaimRecord, EventRecord } from './store/records';

export interface EventsServices {
  events: EventService;
  claims: ClaimService;
  stats: EventStatsService;
  delivery: DeliveryService;
  claimAdmin: ClaimAdminService;
  revocations: RevocationService;
  players: PlayerDirectory;
  clock: Clock;
  periods: PeriodicClaims;
  /** Players' GRANTED claims, for challenges that declared they need them. */
  history: ClaimHistorySource;
}

export interface EventsContext extends AuthenticatedContext {
  services: EventsServices;
  /** Per request, batched: one store query for all events an operation touches. */
  eventById: DataLoader<string, EventRecord | null>;
  /** Per request, batched: one call to users for all players an operation touches. */
  standingOf: DataLoader<string, PlayerStanding | null>;
  /** Per request, batched: claims by id (federation references). */
  claimById: DataLoader<string, ClaimRecord | null>;
  /** Per request, asked once: the caller's account and session as they are now, for staff mutations. */
  callerAccount: () => Promise<CurrentAccount | null>;
  /** Per request, batched: the caller's granted claim per event. */
  myGrantedClaim: DataLoader<string, ClaimRecord | null>;
  /** Per request, loaded once per player and only when a challenge asks for it. */
  claimHistory: ClaimHistorySource;
}

export function createEventsContext(auth: AuthenticatedContext['auth'], services: EventsServices): EventsContext {
  return {
    auth,
    services,
    claimHistory: memoizedHistory(services.history),
    eventById: loaderById((ids) => services.events.findByIds(ids)),
    standingOf: loaderFromMap((userIds) => services.players.standings(userIds)),
    claimById: loaderById((ids) => services.claims.findByIds(ids)),
    callerAccount: once(async () => (auth.caller ? services.players.currentAccount(auth.caller) : null)),
    myGrantedClaim: loaderFromMap(async (eventIds) => {
      const userId = auth.caller?.userId;
      const claims = userId ? await services.claims.grantedForUser(userId, eventIds) : [];
      return new Map(claims.map((claim) => [claim.eventId, claim]));
    }),
  };
}

/** Runs `work` on the first call only; later calls share its promise. */
function once<T>(work: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= work());
}

export function callerOf(context: EventsContext): Caller {
  if (!context.auth.caller) throw context.auth.tokenError ?? unauthenticated();
  return context.auth.caller;
}
