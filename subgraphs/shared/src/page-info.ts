import { Directive, Field, ObjectType } from 'type-graphql';

// Both subgraphs return connections, so PageInfo is a value type they share.
@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
