import type { PlayerStanding } from './player-directory';
import type { PlayerProfile } from './player-profile';

/** One event the player holds a GRANTED claim on, as challenges about claim history see it. */
export interface ClaimedEvent {
  eventId: string;
  title: string;
}

/** What a challenge type may ask for beyond the profile; loaded only when asked. */
export type EvaluationNeed = 'claimHistory';

/** Where the player's claim history comes from (the claims and events stores). */
export interface ClaimHistorySource {
  grantedEventsOf(userId: string): Promise<readonly ClaimedEvent[]>;
}

/**
 * Everything an evaluator sees: the users profile, the account's age, the time, the event
 * being evaluated and, for challenges that declared `claimHistory`, the player's claims.
 */
export interface EvaluationContext {
  readonly userId: string;
  readonly eventId: string;
  readonly now: Date;
  readonly profile: PlayerProfile;
  /** When the account was created; null when users did not say. */
  readonly accountCreatedAt: Date | null;
  /** Throws unless a challenge of the event declared the need: history is not free to load. */
  readonly claimHistory: readonly ClaimedEvent[];
}

/** Builds the context for one player and one event, loading only what `needs` names. */
export async function evaluationContext(
  standing: PlayerStanding,
  eventId: string,
  now: Date,
  needs: ReadonlySet<EvaluationNeed>,
  history: ClaimHistorySource,
): Promise<EvaluationContext> {
  const claimHistory = needs.has('claimHistory') ? await history.grantedEventsOf(standing.userId) : null;
  return {
    userId: standing.userId,
    eventId,
    now,
    profile: standing.profile,
    accountCreatedAt: standing.createdAt,
    get claimHistory(): readonly ClaimedEvent[] {
      if (!claimHistory) throw new Error("claimHistory was not loaded: the challenge type must declare needs: ['claimHistory']");
      return claimHistory;
    },
  };
}
