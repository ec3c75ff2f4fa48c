import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { ErrorCode } from '../errors';
import { operationCost } from './cost';
import { DEFAULT_QUERY_LIMITS, queryTooComplex, type QueryLimits } from './limits';
import { measureOperations } from './operation-shape';

/** graphql-js reports at most this many validation errors before it stops validating. */
const MAX_VALIDATION_ERRORS = 25;

/**
 * Reports a limit and stops validation there. graphql-js stops only once more than
 * `maxErrors` errors are reported, and its own rules (the overlapping-fields rule is
 * quadratic in repeated fields) would otherwise still walk a document already refused.
 * The plugin keeps a single copy of the error in the response.
 */
function refuse(context: ValidationContext, message: string): void {
  const error = queryTooComplex(message);
  for (let i = 0; i <= MAX_VALIDATION_ERRORS; i++) context.reportError(error);
}

/** Depth and expanded field count, checked when the document is entered, before any other rule walks it. */
function shapeLimitRule(limits: QueryLimits): ValidationRule {
  return (context) => ({
    Document(document) {
      for (const shape of measureOperations(document).values()) {
        if (shape.depth > limits.maxDepth) refuse(context, `Operation is nested ${shape.depth} levels deep; the limit is ${limits.maxDepth}.`);
        if (shape.fields > limits.maxFields) refuse(context, `Operation selects ${shape.fields} fields; the limit is ${limits.maxFields}.`);
      }
    },
  });
}

/** graphql-armor's rules throw or call back with a "Syntax Error: …" message: we want our code and plain words. */
const onArmorReject = (context: ValidationContext | null, error: GraphQLError) => {
  if (context) refuse(context, error.message.replace(/^Syntax Error: /, ''));
};

// graphql-js words it "more that N tokens" (sic) in 16.x; accept the corrected spelling too.
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/**
 * Keeps one QUERY_TOO_COMPLEX error in a refused response, and gives graphql-js's token
 * limit (a parse error) the same code.
 */
function queryLimitsPlugin<TContext extends BaseContext>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const cost = operationCost(schema, document, request.variables, operationName ?? request.operationName);
          if (cost !== undefined && cost > limits.maxCost) {
            throw queryTooComplex(`Operation costs ${cost} (paged fields count their \`first\` times over); the limit is ${limits.maxCost}.`);
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const errors = response.body.singleResult.errors;
          const tooComplex = errors.find((error) => error.extensions?.['code'] === ErrorCode.QUERY_TOO_COMPLEX);
          if (tooComplex) {
            response.body.singleResult.errors = [tooComplex];
            return;
          }
          const tokens = errors.length === 1 && errors[0]?.extensions?.['code'] === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT_MESSAGE.exec(errors[0].message) : null;
          if (tokens) {
            response.body.singleResult.errors = [{ message: `Document has more than ${tokens[1]} tokens; the limit is ${limits.maxTokens}.`, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } }];
          }
        },
      };
    },
  };
}

export type QueryLimitsServerOptions<TContext extends BaseContext> = Pick<ApolloServerOptions<TContext>, 'parseOptions' | 'validationRules' | 'validationOptions'> & {
  plugin: ApolloServerPlugin<TContext>;
};

/**
 * What the gateway and each subgraph give Apollo so that an oversized operation is refused
 * with QUERY_TOO_COMPLEX in time linear in its size, before any resolver (or query plan)
 * runs: the token limit while parsing, depth, fields, aliases and directives before the
 * standard validation rules walk the document, the cost once the variables are known.
 */
export function queryLimits<TContext extends BaseContext>(limits: QueryLimits = DEFAULT_QUERY_LIMITS): QueryLimitsServerOptions<TContext> {
  const armor = { propagateOnRejection: false, onReject: [onArmorReject] };
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationOptions: { maxErrors: MAX_VALIDATION_ERRORS },
    validationRules: [
      shapeLimitRule(limits),
      maxAliasesRule({ n: limits.maxAliases, ...armor }),
      maxDirectivesRule({ n: limits.maxDirectives, ...armor }),
    ],
    plugin: queryLimitsPlugin<TContext>(limits),
  };
}
