import { prop } from '@typegoose/typegoose';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { requireCount } from '../../services/spec-validation';
import { Comparison, Currency } from '../enums';
import { ChallengeBase, defineChallenge } from './challenge-base';

@ObjectType({ description: 'Compares cash or coins with amount.' })
@InputType('CurrencyChallengeInput')
export class CurrencyChallenge extends ChallengeBase {
  @Field(() => Currency)
  @prop({ required: true, enum: Currency, type: String })
  currency!: Currency;

  @Field(() => Comparison)
  @prop({ required: true, enum: Comparison, type: String })
  comparison!: Comparison;

  @Field(() => Int)
  @prop({ required: true, min: 1 })
  amount!: number;
}

export const currency = defineChallenge({
  type: CurrencyChallenge,
  inputField: 'currency',
  validate: (challenge, path) => requireCount(challenge.amount, `${path}.amount`),
  evaluate: (challenge, { profile }) => {
    const current = challenge.currency === Currency.CASH ? profile.cash : profile.coins;
    const met = challenge.comparison === Comparison.AT_LEAST ? current >= challenge.amount : current <= challenge.amount;
    return { current, required: challenge.amount, met };
  },
});
