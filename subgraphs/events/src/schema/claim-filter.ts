import { Field, ID, InputType } from 'type-graphql';
import { ClaimRejectionReason, ClaimStatus } from './enums';

@InputType()
export class ClaimFilter {
  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Ignored for USER callers: they see their own only.' })
  userId?: string | null;

  @Field(() => ClaimStatus, { nullable: true })
  status?: ClaimStatus | null;

  @Field(() => ClaimRejectionReason, { nullable: true, description: 'Rejected attempts with this reason.' })
  rejectionReason?: ClaimRejectionReason | null;

  @Field(() => Date, { nullable: true })
  createdAfter?: Date | null;

  @Field(() => Date, { nullable: true })
  createdBefore?: Date | null;
}
