import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import type { IMiddlewareGenerator } from 'graphql-middleware';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

export interface SubgraphDefinition {
  // type-graphql takes resolver classes; their constructor signatures vary.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  permissions: IMiddlewareGenerator<any, any, any>;
  container?: { get(someClass: unknown): unknown };
}

/**
 * type-graphql builds the schema from the classes; @apollo/subgraph turns it into a
 * Federation 2 subgraph (the pattern of type-graphql's apollo-federation-2 example);
 * graphql-shield wraps the result.
 */
export async function buildFederatedSchema(definition: SubgraphDefinition): Promise<GraphQLSchema> {
  const typeGraphQLSchema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes ?? [],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    skipCheck: true,
    ...(definition.container ? { container: definition.container } : {}),
  });
  const resolvers = createResolversMap(typeGraphQLSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(definition.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  const subgraph = buildSubgraphSchema({
    typeDefs: gql`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@inaccessible"])
      ${printSchemaWithDirectives(typeGraphQLSchema)}
    `,
    resolvers,
  });
  return applyMiddleware(subgraph, definition.permissions);
}
