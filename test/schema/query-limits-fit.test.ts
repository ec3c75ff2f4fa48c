import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getIntrospectionQuery, getNamedType, isInputObjectType, Kind, parse, print, typeFromAST, validate, type DefinitionNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_QUERY_LIMITS, operationCost, queryLimits } from '@platform/shared';
import { EXAMPLE_TABS } from '../../gateway/src/ide-examples';

const root = join(__dirname, '..', '..');
const apiSchema = buildSchema(readFileSync(join(root, 'schema', 'api.graphql'), 'utf8'));
const limits = queryLimits();

/** Every client operation as a document of its own, with the fragments it needs. */
function clientOperations(): [string, DocumentNode][] {
  const dir = join(root, 'client', 'operations');
  const definitions: DefinitionNode[] = readdirSync(dir).flatMap((file) => parse(readFileSync(join(dir, file), 'utf8')).definitions);
  const fragments = definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      const used = fragments.filter((fragment) => print(operation).includes(`...${fragment.name.value}`) || fragments.some((other) => print(other).includes(`...${fragment.name.value}`)));
      return [operation.name?.value ?? 'anonymous', { kind: Kind.DOCUMENT, definitions: [operation, ...used] }];
    });
}

const documents: [string, DocumentNode][] = [
  ...clientOperations(),
  ...EXAMPLE_TABS.map((tab, index): [string, DocumentNode] => [`IDE tab ${index + 1}`, parse(tab.query)]),
  ['GraphiQL introspection', parse(getIntrospectionQuery())],
];

/**
 * Variables that make the operation as costly as it can be: every Int (pages' `first`) at
 * 100, other scalars a plausible value. Null for operations that need an input object (the
 * mutations, which select one object each).
 */
function costliestVariables(document: DocumentNode): Record<string, unknown> | null {
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(apiSchema, variable.type);
      const named = type ? getNamedType(type) : undefined;
      if (!named || isInputObjectType(named)) return null;
      const samples: Record<string, unknown> = { Int: 100, ID: '0123456789abcdef01234567', String: 'x', Boolean: true, DateTime: '2026-01-01T00:00:00Z' };
      variables[variable.variable.name.value] = samples[named.name] ?? ('getValues' in named ? named.getValues()[0]?.value : null);
    }
  }
  return variables;
}

test.each(documents)('%s stays under every query limit, pages of 100 included', (_name, document) => {
  const source = print(document);
  expect(() => parse(source, limits.parseOptions)).not.toThrow();
  expect(validate(apiSchema, document, limits.validationRules ?? [])).toEqual([]);
  const variables = costliestVariables(document);
  if (variables === null) return;
  const cost = operationCost(apiSchema, document, variables, undefined);
  expect(cost).toBeDefined();
  expect(cost).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCost);
});

test('the cost of a page is its `first` times the selection below it', () => {
  expect(operationCost(apiSchema, parse('{ events(first: 100) { edges { node { id title } } } }'), {}, undefined)).toBe(401);
  expect(operationCost(apiSchema, parse('{ events { edges { node { id title } } } }'), {}, undefined)).toBe(81);
});

test('costs are remembered per document, variable set and operation, never across them', () => {
  // One parsed document, as Apollo's document store hands it to every request with that text.
  const document = parse('query Page($first: Int) { events(first: $first) { edges { node { id title } } } } query Me { me { id } }');
  for (let round = 0; round < 3; round++) {
    expect(operationCost(apiSchema, document, { first: 100 }, 'Page')).toBe(401);
    expect(operationCost(apiSchema, document, { first: 2 }, 'Page')).toBe(9);
    expect(operationCost(apiSchema, document, { first: 100 }, 'Me')).toBe(2);
    expect(operationCost(apiSchema, document, { first: 'many' }, 'Page')).toBeUndefined();
  }
  // Undeclared variables (graphql ignores them) neither change the cost nor mint new entries.
  expect(operationCost(apiSchema, document, { first: 2, junk: 'x'.repeat(500) }, 'Page')).toBe(9);
  // Past the table's bound the oldest costs go, and costs still come out right.
  for (let first = 1; first <= 5000; first++) expect(operationCost(apiSchema, document, { first }, 'Page')).toBe(1 + 4 * first);
});

test('an absent variable takes its default, an explicit null does not: they are costed apart', () => {
  const document = parse('query($first: Int = 100) { events(first: $first) { edges { node { id title } } } }');
  expect(operationCost(apiSchema, document, {}, undefined)).toBe(401);
  expect(operationCost(apiSchema, document, { first: null }, undefined)).not.toBe(401);
  expect(operationCost(apiSchema, document, {}, undefined)).toBe(401);
});
