import { Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';

/**
 * A field costs 1 plus what is selected below it, and a paged field (one with a `first`
 * argument, its schema default applied) pays for its selection `first` times: one
 * `events(first: 100)` is a hundred events' worth of work, not one.
 */
const pagedFieldEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first: unknown = args['first'];
  if (typeof first !== 'number' || !Number.isFinite(first)) return undefined;
  return 1 + childComplexity * Math.max(first, 1);
};

function computeCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [pagedFieldEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    return undefined;
  }
}

/** Costs remembered across all documents (least recently used go first, lru-cache), and the longest key kept. */
const MAX_REMEMBERED_COSTS = 4096;
const MAX_KEY_LENGTH = 1024;

/**
 * Apollo hands every request with the same query text the same parsed DocumentNode (its
 * document store), so a cost is computed once per document and variable set, not once per
 * request: the complexity walk was 4 % of the gateway's CPU on `{ me }`. One bounded table
 * for every document (at most 4,096 entries of at most 1 KiB each), keyed by the variables
 * the document declares only: undeclared ones, which graphql ignores, cannot mint new keys.
 */
const rememberedCosts = new LRUCache<string, { cost: number | undefined }>({ max: MAX_REMEMBERED_COSTS });

interface DocumentIdentity {
  id: number;
  declaredVariables: string[];
}

const documents = new WeakMap<DocumentNode, DocumentIdentity>();
const schemas = new WeakMap<GraphQLSchema, number>();
let nextId = 0;

function identify(document: DocumentNode): DocumentIdentity {
  let identity = documents.get(document);
  if (!identity) {
    const declaredVariables = document.definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? (definition.variableDefinitions ?? []).map((variable) => variable.variable.name.value) : [],
    );
    identity = { id: nextId++, declaredVariables: [...new Set(declaredVariables)] };
    documents.set(document, identity);
  }
  return identity;
}

function schemaId(schema: GraphQLSchema): number {
  let id = schemas.get(schema);
  if (id === undefined) {
    id = nextId++;
    schemas.set(schema, id);
  }
  return id;
}

/**
 * The cost of the operation a request runs, with its variables. Undefined when the variables
 * do not fit the operation: execution reports that as BAD_USER_INPUT on its own.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number | undefined {
  const { id, declaredVariables } = identify(document);
  // [value] when given, [] when absent: an absent variable takes its default, an explicit null does not.
  const values = declaredVariables.length === 0 ? '' : JSON.stringify(declaredVariables.map((name) => (variables && Object.hasOwn(variables, name) ? [variables[name]] : [])));
  const key = `${schemaId(schema)}:${id}:${operationName ?? ''}\n${values}`;
  const remembered = rememberedCosts.get(key);
  if (remembered) return remembered.cost;
  const cost = computeCost(schema, document, variables, operationName);
  // A large variable set (a big input object) is costed but not remembered.
  if (key.length <= MAX_KEY_LENGTH) rememberedCosts.set(key, { cost });
  return cost;
}
