import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphQLRequestError, type VariablesArgs } from '@platform/client';
import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import { getOperationAST } from 'graphql';
import { useAuth } from './auth';

/** A typed query through the signed-in client, cached by operation name and variables. */
export function useGraphQL<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: Omit<UseQueryOptions<TData, GraphQLRequestError>, 'queryKey' | 'queryFn'> = {},
) {
  const { client } = useAuth();
  const name = getOperationAST(document)?.name?.value ?? 'operation';
  return useQuery<TData, GraphQLRequestError>({
    queryKey: [name, variables],
    queryFn: () => client.execute(document, ...([variables] as VariablesArgs<TVariables>)),
    ...options,
  });
}

/** What a person should read for a failed call. */
export function describeError(error: unknown): string {
  if (error instanceof GraphQLRequestError) {
    switch (error.code) {
      case 'NETWORK_ERROR':
        return 'The platform cannot be reached. Check your connection and try again.';
      case 'UNAUTHENTICATED':
        return 'Your session has ended. Please sign in again.';
      case 'FORBIDDEN':
        return `You are not allowed to do this: ${error.message}`;
      case 'INTERNAL_SERVER_ERROR':
        return 'Something went wrong on the platform. Try again; if it persists, tell the platform team.';
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
