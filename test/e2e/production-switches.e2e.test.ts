import { GATEWAY_CREDENTIAL_HEADER } from '@platform/shared';
import { errorCode } from '../support/graphql-result';
import { postGraphQL, startTestPlatform, type TestPlatform } from '../support/platform';

const PRODUCTION_SECRET = 'production-service-secret-of-32-characters+';
// Production refuses password hashing below OWASP's minimum, so these platforms pay the real cost.
const production = { NODE_ENV: 'production', SERVICE_SECRET: PRODUCTION_SECRET, PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2' };
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

const post = (url: string, query: string, headers: Record<string, string> = {}) => postGraphQL(url, { query }, headers);

describe('NODE_ENV=production', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(production);
  });
  afterAll(() => platform.stop());

  test('the gateway gives no "Did you mean" suggestions', async () => {
    const { body } = await post(platform.url, '{ me { usernam } }');
    expect(errorCode(body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  test('the gateway serves no IDE and answers no introspection', async () => {
    const page = await fetch(platform.url, { headers: HTML });
    expect(await page.text()).not.toMatch(/graphiql/i);
    const asset = await fetch(new URL('/ide/assets/ide.js', platform.url));
    expect(asset.status).toBe(404);
    const { body } = await post(platform.url, '{ __schema { types { name } } }');
    expect(body.data).toBeFalsy();
  });

  test.each([
    ['users', (p: TestPlatform) => p.users.url],
    ['events', (p: TestPlatform) => p.events.url],
  ])('the %s subgraph refuses GraphQL without the gateway credential, and never shows its SDL', async (_name, url) => {
    const anonymous = await post(url(platform), '{ _service { sdl } }');
    expect(anonymous.status).toBe(403);
    expect(errorCode(anonymous.body)).toBe('FORBIDDEN');
    expect(JSON.stringify(anonymous.body)).not.toMatch(/type Query/);
    const forged = await post(url(platform), '{ _service { sdl } }', { [GATEWAY_CREDENTIAL_HEADER]: 'not-the-secret' });
    expect(forged.status).toBe(403);
    const suggestions = await post(url(platform), '{ _servic { sdl } }', { [GATEWAY_CREDENTIAL_HEADER]: PRODUCTION_SECRET });
    expect(suggestions.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  test('through the gateway, which adds the credential, everything works', async () => {
    const session = await platform.signUp('prod_player');
    const me = await platform.request<{ me: { id: string } }>('{ me { id } events { edges { node { id } } } }', {}, session.token);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me.id).toBe(session.id);
  });
});

test('IDE_ENABLED=true turns the IDE (and introspection) back on in production', async () => {
  const platform = await startTestPlatform({ ...production, IDE_ENABLED: 'true' });
  try {
    const page = await fetch(platform.url, { headers: HTML });
    expect(await page.text()).toMatch(/graphiql/i);
    expect((await fetch(new URL('/ide/assets/ide.js', platform.url))).status).toBe(200);
    const { body } = await post(platform.url, '{ __schema { queryType { name } } }');
    expect(body.errors).toBeUndefined();
  } finally {
    await platform.stop();
  }
});

test('in development the subgraphs answer direct calls (for debugging) and suggestions help', async () => {
  const platform = await startTestPlatform();
  try {
    const direct = await post(platform.users.url, '{ __typename }');
    expect(direct.status).toBe(200);
    const { body } = await post(platform.url, '{ me { usernam } }');
    expect(body.errors?.[0]?.message).toMatch(/Did you mean/);
  } finally {
    await platform.stop();
  }
});
