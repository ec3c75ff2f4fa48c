import DataLoader from 'dataloader';
import { unauthenticated, type AuthenticatedContext, type Caller, type Clock, type CurrentAccount } from '@platform/shared';
import type { ClaimService } from './services/claim-service';
import type { EventService } from './services/event-service';
import type { PlayerDirectory, PlayerStanding } from './services/player-directory';
import type { ClaimRecord, EventRecord } from './store/records';

export interface EventsServices {
  events: EventService;
  claims: ClaimService;
  players: PlayerDirectory;
  clock: Clock;
}

export interface EventsContext extends AuthenticatedContext {
  services: EventsServices;
  /** Per request, batched: one store query for all events an operation touches. */
  eventById: DataLoader<string, EventRecord | null>;
  /** Per request, batched: one call to users for all players an operation touches. */
  standingOf: DataLoader<string, PlayerStanding | null>;
  /** Per request, batched: claims by id (federation references). */
  claimById: DataLoader<string, ClaimRecord | null>;
  /** Per request, batched: accounts' current roles and bans, for staff mutations. */
  accountOf: DataLoader<string, CurrentAccount | null>;
  /** Per request, batched: the caller's granted claim per event. */
  myGrantedClaim: DataLoader<string, ClaimRecord | null>;
}

export function createEventsContext(auth: AuthenticatedContext['auth'], services: EventsServices): EventsContext {
  return {
    auth,
    services,
    eventById: new DataLoader(async (ids) => {
      const found = new Map((await services.events.findByIds(ids)).map((event) => [event.id, event]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    standingOf: new DataLoader(async (userIds) => {
      const standings = await services.players.standings(userIds);
      return userIds.map((id) => standings.get(id) ?? null);
    }),
    claimById: new DataLoader(async (ids) => {
      const found = new Map((await services.claims.findByIds(ids)).map((claim) => [claim.id, claim]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    accountOf: new DataLoader(async (userIds) => {
      const accounts = await services.players.accounts(userIds);
      return userIds.map((id) => accounts.get(id) ?? null);
    }),
    myGrantedClaim: new DataLoader(async (eventIds) => {
      const userId = auth.caller?.userId;
      if (!userId) return eventIds.map(() => null);
      const claims = new Map((await services.claims.grantedForUser(userId, eventIds)).map((claim) => [claim.eventId, claim]));
      return eventIds.map((id) => claims.get(id) ?? null);
    }),
  };
}

export function callerOf(context: EventsContext): Caller {
  if (!context.auth.caller) throw context.auth.tokenError ?? unauthenticated();
  return context.auth.caller;
}
