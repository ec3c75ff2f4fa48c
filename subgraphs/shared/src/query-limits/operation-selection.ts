import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import { DomainError, ErrorCode } from '../errors';
import type { Logger } from '../logger';

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, {
    originalError: new DomainError(ErrorCode.BAD_REQUEST, message),
    extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
  });
}

/**
 * A request whose document does not name one operation to run (an unknown `operationName`,
 * several operations and no name) is the client's mistake: 400 BAD_REQUEST before anything
 * runs, instead of an internal error from the executor or the query planner. Client
 * mistakes are logged at debug only, so a client cannot flood the error log.
 */
export function operationSelectionPlugin<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (operation) return;
          const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
          if (request.operationName) throw badRequest(`Unknown operation named "${request.operationName}".`);
          throw badRequest(operations === 0 ? 'The document has no operation to run.' : `The document has ${operations} operations: name the one to run in \`operationName\`.`);
        },
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const status = (error.extensions['http'] as { status?: unknown } | undefined)?.status;
            if (typeof status === 'number' && status >= 400 && status < 500) logger.debug('client request refused', { operationName, message: error.message, code: error.extensions['code'] });
          }
        },
      };
    },
  };
}
