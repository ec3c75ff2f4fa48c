import { DEFAULT_QUERY_LIMITS } from '@platform/shared';
import { errorCode } from '../support/graphql-result';
import { bearer, postGraphQL, type TestPlatform } from '../support/platform';
import { platformPerSuite } from '../support/platform-per-suite';

let platform: TestPlatform;
let token: string;
platformPerSuite((started, adminToken) => {
  platform = started;
  token = adminToken;
});

/** Posts as the admin to the gateway or straight to a subgraph. */
const post = (url: string, query: string, variables: Record<string, unknown> = {}) => postGraphQL(url, { query, variables }, bearer(token));

const manyAliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const eventsPage = 'events(first: 100) { edges { node { id title } } }';

/** Each limit, with the operation that breaks it and a field of the service that has it. */
const OVER_LIMITS: { name: string; query: (root: string) => string; message: RegExp }[] = [
  { name: '20,000 repeated fields (tokens)', query: (root) => `{ ${root} { ${'__typename '.repeat(20_000)} } }`, message: /more than 2000 tokens/ },
  { name: 'expanded fields', query: (root) => `{ ${root} { ${'__typename '.repeat(DEFAULT_QUERY_LIMITS.maxFields + 1)} } }`, message: /selects 302 fields; the limit is 300/ },
  { name: 'aliases', query: (root) => manyAliases(DEFAULT_QUERY_LIMITS.maxAliases + 1, `${root} { __typename }`), message: /Aliases limit of 30 exceeded, found 31/ },
  { name: 'directives', query: (root) => `{ ${root} { __typename ${'@include(if: true) '.repeat(DEFAULT_QUERY_LIMITS.maxDirectives + 1)} } }`, message: /Directives limit of 50 exceeded/ },
];

describe.each([
  ['gateway', () => platform.url, 'me'],
  ['users subgraph, called directly', () => platform.users.url, 'me'],
  ['events subgraph, called directly', () => platform.events.url, 'events'],
])('%s', (_service, url, root) => {
  test.each(OVER_LIMITS)('refuses $name with one QUERY_TOO_COMPLEX error and HTTP 400', async ({ query, message }) => {
    const { status, body } = await post(url(), query(root));
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(errorCode(body)).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors?.[0]?.message).toMatch(message);
  });

  test('refuses an operation nested deeper than 12 levels', async () => {
    let selection = '__typename';
    for (let i = 0; i < 13; i++) selection = `${root} { ${selection} }`;
    const { body } = await post(url(), `{ ${root} { __typename } }`.replace(`${root} { __typename }`, selection));
    expect(errorCode(body)).toBe('QUERY_TOO_COMPLEX');
  });
});

test('the cost limit multiplies a paged field by its `first`, from literals and variables alike', async () => {
  const nested = 'query($first: Int) { users(first: $first) { edges { node { rewardClaims(first: 100) { edges { node { id createdAt } } } } } } }';
  const cheap = await post(platform.url, nested, { first: 2 });
  expect(cheap.body.errors).toBeUndefined();
  const costly = await post(platform.url, nested, { first: 100 });
  expect(costly.status).toBe(400);
  expect(errorCode(costly.body)).toBe('QUERY_TOO_COMPLEX');
  expect(costly.body.errors?.[0]?.message).toMatch(/costs \d+ .*the limit is 10000/);
  // Directly at the events subgraph too.
  const direct = await post(platform.events.url, manyAliases(25, eventsPage));
  expect(errorCode(direct.body)).toBe('QUERY_TOO_COMPLEX');
  expect(direct.body.errors?.[0]?.message).toMatch(/costs \d+/);
});

test('the 3,000-alias events(first: 100) query is refused at the gateway', async () => {
  const { status, body } = await post(platform.url, manyAliases(3000, eventsPage));
  expect(status).toBe(400);
  expect(errorCode(body)).toBe('QUERY_TOO_COMPLEX');
});

test('a refused mutation runs no resolver', async () => {
  const signUps = manyAliases(DEFAULT_QUERY_LIMITS.maxAliases + 1, '')
    .replace(/a(\d+): /g, (_match, i: string) => `a${i}: signUp(input: { username: "limit_${i}", password: "correct horse battery" }) { accessToken } `);
  const { body } = await post(platform.url, `mutation ${signUps}`);
  expect(errorCode(body)).toBe('QUERY_TOO_COMPLEX');
  const logIn = await platform.request(`mutation { logIn(input: { username: "limit_0", password: "correct horse battery" }) { accessToken } }`);
  expect(errorCode(logIn)).toBe('UNAUTHENTICATED');
});

test('ordinary operations, introspection included, stay under every limit', async () => {
  const { body } = await post(platform.url, `{ me { id username roles } events(first: 100) { edges { node { id title rewards { __typename } } } } }`);
  expect(body.errors).toBeUndefined();
});
