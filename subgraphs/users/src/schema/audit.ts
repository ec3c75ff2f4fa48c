import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@platform/shared';

@ObjectType({ description: 'One staff action, hash-chained to the one before it.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { description: 'e.g. "createEvent", "setRoles".' })
  action!: string;

  @Field(() => String, { description: '"User", "Event", "RewardClaim".' })
  targetType!: string;

  @Field(() => ID)
  targetId!: string;

  @Field(() => String, { description: 'Human-readable, e.g. "roles USER → USER, OPERATOR".' })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'The x-request-id of the request that made the change.' })
  requestId!: string | null;

  @Field(() => String, { description: 'sha256 over the canonical entry, which includes the previous entry\'s hash.' })
  hash!: string;

  // Not a field: AuditEntry.actor is resolved from it.
  actorId!: string;
}

@InputType({ description: 'Conditions AND-ed; after/before are exclusive.' })
export class AuditFilter {
  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => ID, { nullable: true })
  targetId?: string | null;

  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => Date, { nullable: true })
  after?: Date | null;

  @Field(() => Date, { nullable: true })
  before?: Date | null;
}

@ObjectType()
export class AuditEntryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEntry)
  node!: AuditEntry;
}

@ObjectType()
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Entries matching the filter, all pages.' })
  totalCount!: number;
}

@ObjectType()
export class AuditIntegrity {
  @Field(() => Int)
  entriesChecked!: number;

  @Field(() => Boolean)
  intact!: boolean;

  @Field(() => ID, { nullable: true, description: 'The first entry whose hash or link does not match; null when intact.' })
  firstBrokenEntryId!: string | null;
}
