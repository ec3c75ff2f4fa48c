import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { isServiceCall, SERVICE_TOKEN_HEADER } from './auth-context';
import type { PlatformConfig } from './config';
import { DomainError, ErrorCode } from './errors';

/**
 * The gateway proves itself to the subgraphs with the platform's SERVICE_SECRET in this
 * header on every subgraph request (the events → users internal calls use the same one).
 */
export const GATEWAY_CREDENTIAL_HEADER = SERVICE_TOKEN_HEADER;

/** Whether a subgraph refuses GraphQL requests that do not carry the gateway's credential. */
export function gatewayCredentialRequired(config: PlatformConfig): boolean {
  return config.nodeEnv === 'production';
}

/**
 * Wraps a subgraph's context function: in production, a GraphQL request that does not come
 * from the gateway (no or a wrong credential) is refused with 403 FORBIDDEN before anything
 * is parsed, so a subgraph reached directly reveals nothing (not even `_service`'s SDL).
 * Development and tests let anyone call a subgraph, which is how they are debugged.
 */
export function requireGatewayCredential<TContext>(config: PlatformConfig, context: (request: IncomingMessage) => Promise<TContext>): (request: IncomingMessage) => Promise<TContext> {
  if (!gatewayCredentialRequired(config)) return context;
  return async (request) => {
    if (!isServiceCall(request.headers, config.serviceSecret)) {
      const message = 'This service answers GraphQL from the gateway only.';
      throw new GraphQLError(message, {
        originalError: new DomainError(ErrorCode.FORBIDDEN, message),
        extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
      });
    }
    return context(request);
  };
}
