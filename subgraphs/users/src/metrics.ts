import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { Counter } from 'prom-client';
import { outcomeOf, type ServiceMetrics } from '@platform/shared';
import type { UsersContext } from './context';

export interface UsersMetrics {
  loginFailures: Counter<'reason'>;
  rateLimitRefusals: Counter<'operation'>;
}

export function registerUsersMetrics(metrics: ServiceMetrics): UsersMetrics {
  return {
    loginFailures: new Counter({
      name: 'users_login_failures_total',
      help: 'logIn attempts refused, by error code: UNAUTHENTICATED (wrong credentials), RATE_LIMITED, FORBIDDEN (banned), BAD_USER_INPUT.',
      labelNames: ['reason'],
      registers: [metrics.registry],
    }),
    rateLimitRefusals: new Counter({
      name: 'users_rate_limit_refusals_total',
      help: 'Operations refused with RATE_LIMITED, by root field (logIn, signUp, ...).',
      labelNames: ['operation'],
      registers: [metrics.registry],
    }),
  };
}

/** Response key (alias or name) → field name, for the operation's root fields. */
function rootFields(operation: OperationDefinitionNode | undefined): Map<string, string> {
  const fields = new Map<string, string>();
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind === Kind.FIELD) fields.set(selection.alias?.value ?? selection.name.value, selection.name.value);
  }
  return fields;
}

/**
 * Counts refused log-ins and rate-limit refusals from what the API answered, so the
 * figures are exactly what clients saw, whichever service rule produced them.
 */
export function usersMetricsPlugin(metrics: UsersMetrics): ApolloServerPlugin<UsersContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const fields = rootFields(operation);
          for (const error of response.body.singleResult.errors) {
            const key = error.path?.[0];
            const field = typeof key === 'string' ? fields.get(key) : undefined;
            if (!field) continue;
            const code = outcomeOf([error]);
            if (field === 'logIn') metrics.loginFailures.inc({ reason: code });
            if (code === 'RATE_LIMITED') metrics.rateLimitRefusals.inc({ operation: field });
          }
        },
      };
    },
  };
}
