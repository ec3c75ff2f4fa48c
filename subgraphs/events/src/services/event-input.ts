import { badInput } from '@platform/shared';
import type { ClaimPeriod } from '../enums';
import { challengeFromInput, type Challenge, type ChallengeInput } from '../schema/challenges';
import { rewardFromInput, rewardTally, type Reward, type RewardInput } from '../schema/rewards';
import { MAX_AMOUNT } from './spec-validation';

export const LIMITS = { titleMax: 200, descriptionMax: 5000, challengesMax: 10, rewardsMin: 1, rewardsMax: 20 } as const;

/** What an operator sends for createEvent (API.graphql's CreateEventInput). */
export interface EventFieldsInput {
  title: string;
  description?: string | null;
  startsAt: Date;
  endsAt: Date;
  isPublic?: boolean | null;
  active?: boolean | null;
  challenges?: ChallengeInput[] | null;
  rewards: RewardInput[];
  claimLimit?: number | null;
  claimPeriod?: ClaimPeriod | null;
}

/** updateEvent: every field optional; null on description/claimLimit clears them, elsewhere means "unchanged". */
export type EventPatchInput = { [K in keyof EventFieldsInput]?: EventFieldsInput[K] | null };

export function validTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length < 1 || trimmed.length > LIMITS.titleMax) throw badInput(`title must be 1–${LIMITS.titleMax} characters.`, 'input.title');
  return trimmed;
}

export function validDescription(description: string | null): string | null {
  if (description !== null && description.length > LIMITS.descriptionMax) {
    throw badInput(`description may be at most ${LIMITS.descriptionMax} characters.`, 'input.description');
  }
  return description;
}

export function validSchedule(startsAt: Date, endsAt: Date): void {
  if (endsAt <= startsAt) throw badInput('endsAt must be after startsAt.', 'input.endsAt');
}

export function validChallenges(inputs: readonly ChallengeInput[]): Challenge[] {
  if (inputs.length > LIMITS.challengesMax) throw badInput(`An event has at most ${LIMITS.challengesMax} challenges.`, 'input.challenges');
  return inputs.map((input, index) => challengeFromInput(input, `input.challenges[${index}]`));
}

export function validRewards(inputs: readonly RewardInput[]): Reward[] {
  if (inputs.length < LIMITS.rewardsMin || inputs.length > LIMITS.rewardsMax) {
    throw badInput(`An event has ${LIMITS.rewardsMin}–${LIMITS.rewardsMax} rewards.`, 'input.rewards');
  }
  const rewards = inputs.map((input, index) => rewardFromInput(input, `input.rewards[${index}]`));
  // Rewards of the same currency, item or coupon add up when granted; the sum obeys the
  // same bound as one reward, so a grant always fits in a player's balance range.
  const totals = new Map<string, number>();
  rewards.forEach((reward, index) => {
    const { key, amount } = rewardTally(reward);
    const total = (totals.get(key) ?? 0) + amount;
    if (total > MAX_AMOUNT) throw badInput(`Rewards of ${key} add up to more than ${MAX_AMOUNT}.`, `input.rewards[${index}]`);
    totals.set(key, total);
  });
  return rewards;
}

export function validClaimLimit(claimLimit: number | null): number | null {
  if (claimLimit !== null && (!Number.isInteger(claimLimit) || claimLimit < 1)) {
    throw badInput('claimLimit must be at least 1 (or null for unlimited).', 'input.claimLimit');
  }
  return claimLimit;
}
