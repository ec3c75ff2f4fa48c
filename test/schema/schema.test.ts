import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, findBreakingChanges, type GraphQLSchema } from 'graphql';
import { composeSupergraph } from '../../scripts/supergraph';
import { additionSections, IMPLEMENTED_ADDITION_SECTIONS } from './api-additions';

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

/** A checked-in copy of a shared/ contract file, without its two-line header. */
function checkedInCopy(name: 'contract.graphql' | 'contract-additions.graphql'): string {
  return readFileSync(join(root, 'schema', name), 'utf8').split('\n').slice(2).join('\n');
}

/**
 * The contract omits federation directives and declares scalar DateTime, so it builds as plain SDL.
 * Tests read the checked-in copy, so they assert the same thing on every machine; the copy is
 * kept equal to shared/ by the test below wherever shared/ exists.
 */
function contract(): { source: string; schema: GraphQLSchema } {
  const source = checkedInCopy('contract.graphql');
  return { source, schema: buildSchema(source) };
}

test('the public API keeps every name and shape of API.graphql (additions only)', () => {
  const { schema: binding } = contract();
  const ours = buildSchema(files['api.graphql'] ?? '');
  // Argument order and descriptions are not part of compatibility; removals and type changes are.
  const breaking = findBreakingChanges(binding, ours).map((change) => `${change.type}: ${change.description}`);
  expect(breaking).toEqual([]);
});

test('the public API keeps every addition of the sections being worked on (API-additions.graphql)', () => {
  const sections = additionSections(checkedInCopy('contract-additions.graphql'));
  for (const title of IMPLEMENTED_ADDITION_SECTIONS) expect({ title, known: sections.has(title) }).toEqual({ title, known: true });
  const implemented = IMPLEMENTED_ADDITION_SECTIONS.map((title) => sections.get(title) ?? '').join('\n');
  const binding = buildSchema(`${contract().source}\n${implemented}`);
  const breaking = findBreakingChanges(binding, buildSchema(files['api.graphql'] ?? '')).map((change) => `${change.type}: ${change.description}`);
  expect(breaking).toEqual([]);
});

test('dashboard: Query.users takes filter: UserFilter (the additions give it only in a comment)', () => {
  const users = buildSchema(files['api.graphql'] ?? '').getQueryType()?.getFields()['users'];
  const filter = users?.args.find((arg) => arg.name === 'filter');
  expect(String(filter?.type)).toBe('UserFilter');
  expect(users?.args.map((arg) => arg.name)).toEqual(expect.arrayContaining(['role', 'filter', 'first', 'after']));
});

test('the checked-in contract copies are whole: a header, then SDL that builds with every additions section', () => {
  for (const name of ['contract.graphql', 'contract-additions.graphql'] as const) {
    expect(readFileSync(join(root, 'schema', name), 'utf8')).toMatch(/^# A copy of .*shared\/API(-additions)?\.graphql.*\n\n/);
  }
  const sections = [...additionSections(checkedInCopy('contract-additions.graphql')).values()];
  expect(sections.length).toBeGreaterThan(0);
  expect(() => buildSchema(`${contract().source}\n${sections.join('\n')}`)).not.toThrow();
});

const sharedDir = join(root, '..', 'shared');
// Where shared/ is absent this is reported as skipped, never as a pass that checked nothing.
(existsSync(sharedDir) ? test : test.skip)('the checked-in contract copies match shared/', () => {
  expect(checkedInCopy('contract-additions.graphql')).toBe(readFileSync(join(sharedDir, 'API-additions.graphql'), 'utf8'));
  expect(checkedInCopy('contract.graphql')).toBe(readFileSync(join(sharedDir, 'API.graphql'), 'utf8'));
});

test('internal service routes are not part of the public API', () => {
  expect(files['api.graphql']).not.toMatch(/applyRewardGrant|internal|_entities|_service/);
});
