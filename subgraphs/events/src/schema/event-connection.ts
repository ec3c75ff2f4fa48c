import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '@platform/shared';
import { Event } from './event';

@ObjectType()
export class EventEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Event)
  node!: Event;
}

@ObjectType()
export class EventConnection {
  @Field(() => [EventEdge])
  edges!: EventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
