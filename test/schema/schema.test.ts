import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, findBreakingChanges, type GraphQLSchema } from 'graphql';
import { composeSupergraph } from '../../scripts/supergraph';
import { additionSections, additionsSource, IMPLEMENTED_ADDITION_SECTIONS } from './api-additions';

const root = join(__dirname, '..', '..');

let files: Record<string, string>;
beforeAll(async () => {
  files = await composeSupergraph();
});

test('schema/ is what `npm run compose` writes from the code (not stale)', () => {
  for (const [name, content] of Object.entries(files)) {
    expect({ name, content: readFileSync(join(root, 'schema', name), 'utf8') }).toEqual({ name, content });
  }
});

/** The contract omits federation directives and declares scalar DateTime, so it builds as plain SDL. */
function contract(): { source: string; schema: GraphQLSchema } {
  const shared = join(root, '..', 'shared', 'API.graphql');
  const path = existsSync(shared) ? shared : join(root, 'schema', 'contract.graphql');
  return { source: path, schema: buildSchema(readFileSync(path, 'utf8')) };
}

test('the public API keeps every name and shape of API.graphql (additions only)', () => {
  const { schema: binding } = contract();
  const ours = buildSchema(files['api.graphql'] ?? '');
  // Argument order and descriptions are not part of compatibility; removals and type changes are.
  const breaking = findBreakingChanges(binding, ours).map((change) => `${change.type}: ${change.description}`);
  expect(breaking).toEqual([]);
});

test('the public API keeps every addition of the sections being worked on (API-additions.graphql)', () => {
  const sections = additionSections(additionsSource());
  for (const title of IMPLEMENTED_ADDITION_SECTIONS) expect({ title, known: sections.has(title) }).toEqual({ title, known: true });
  const implemented = IMPLEMENTED_ADDITION_SECTIONS.map((title) => sections.get(title) ?? '').join('\n');
  const binding = buildSchema(`${readFileSync(contract().source, 'utf8')}\n${implemented}`);
  const breaking = findBreakingChanges(binding, buildSchema(files['api.graphql'] ?? '')).map((change) => `${change.type}: ${change.description}`);
  expect(breaking).toEqual([]);
});

test('dashboard: Query.users takes filter: UserFilter (the additions give it only in a comment)', () => {
  const users = buildSchema(files['api.graphql'] ?? '').getQueryType()?.getFields()['users'];
  const filter = users?.args.find((arg) => arg.name === 'filter');
  expect(String(filter?.type)).toBe('UserFilter');
  expect(users?.args.map((arg) => arg.name)).toEqual(expect.arrayContaining(['role', 'filter', 'first', 'after']));
});

test('the checked-in contract copies match shared/ when it is present', () => {
  const additions = join(root, '..', 'shared', 'API-additions.graphql');
  if (existsSync(additions)) {
    const copy = readFileSync(join(root, 'schema', 'contract-additions.graphql'), 'utf8').split('\n').slice(2).join('\n');
    expect(copy).toBe(readFileSync(additions, 'utf8'));
  }

  const shared = join(root, '..', 'shared', 'API.graphql');
  if (!existsSync(shared)) return;
  const copy = readFileSync(join(root, 'schema', 'contract.graphql'), 'utf8').split('\n').slice(2).join('\n');
  expect(copy).toBe(readFileSync(shared, 'utf8'));
});

test('internal service routes are not part of the public API', () => {
  expect(files['api.graphql']).not.toMatch(/applyRewardGrant|internal|_entities|_service/);
});
