import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { atLeast } from '../../services/player-profile';
import { badInput } from '@platform/shared';
import { requireCount } from '../../services/spec-validation';
import { ChallengeBase, defineChallenge } from './challenge-base';

/** Event titles are at most 200 characters; a longer filter could never match. */
const MAX_TITLE_FILTER = 200;

@ObjectType({ description: 'Met when the player holds GRANTED claims on >= count other events (titleContains: only events whose title contains it, case-insensitive).' })
@InputType('EventsClaimedInput')
export class EventsClaimedChallenge extends ChallengeBase {
  @Field(() => Int)
  @prop({ required: true, min: 1 })
  count!: number;

  @Field(() => String, { nullable: true })
  @prop({ type: String, default: null })
  titleContains?: string | null;
}

export const eventsClaimed = defineChallenge({
  type: EventsClaimedChallenge,
  inputField: 'eventsClaimed',
  needs: ['claimHistory'],
  validate: (challenge, path) => {
    requireCount(challenge.count, `${path}.count`);
    const text = challenge.titleContains;
    if (text != null && (text.trim() === '' || text.length > MAX_TITLE_FILTER)) {
      throw badInput(`titleContains must be 1 to ${MAX_TITLE_FILTER} characters, not only spaces (or null for any event).`, `${path}.titleContains`);
    }
  },
  evaluate: (challenge, context) => {
    const text = challenge.titleContains?.toLocaleLowerCase() ?? null;
    const others = context.claimHistory.filter((claimed) => claimed.eventId !== context.eventId && (text === null || claimed.title.toLocaleLowerCase().includes(text)));
    return atLeast(others.length, challenge.count);
  },
});
