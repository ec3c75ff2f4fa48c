import { evaluateChallenge, needsOf, type Challenge } from '../schema/challenges';
import type { EventRecord } from '../store/records';
import { evaluationContext, type ClaimHistorySource } from './evaluation-context';
import type { PlayerStanding } from './player-directory';
import type { Progress } from './player-profile';

export interface ChallengeStanding extends Progress {
  challenge: Challenge;
}

/**
 * Evaluates the player against every challenge of the event, in one context that carries
 * what those challenges declared they need (the claim history only when one asks for it).
 */
export async function standingsFor(event: EventRecord, standing: PlayerStanding, now: Date, history: ClaimHistorySource): Promise<ChallengeStanding[]> {
  if (event.challenges.length === 0) return [];
  const context = await evaluationContext(standing, event.id, now, needsOf(event.challenges), history);
  return event.challenges.map((challenge) => ({ challenge, ...evaluateChallenge(challenge, context) }));
}
