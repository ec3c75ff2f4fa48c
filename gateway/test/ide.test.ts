import { request as httpRequest } from 'node:http';
import { buildClientSchema, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import { AUTHORIZATION_TEMPLATE, EXAMPLE_TABS } from '../src/ide-examples';
import { startTestPlatform, TEST_ADMIN, type TestPlatform } from '../../test/support/platform';

let platform: TestPlatform;
let origin: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  origin = new URL(platform.url).origin;
});

afterAll(async () => {
  await platform?.stop();
});

const getHtml = () => fetch(platform.url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });

/** Every src/href of the page's script and link elements. */
function referencedUrls(html: string): { scripts: string[]; links: string[] } {
  const attr = (tag: string, name: string) =>
    [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`, 'gi'))].map((match) => match[1] ?? '');
  return { scripts: attr('script', 'src'), links: attr('link', 'href') };
}

/** A request with the path sent byte for byte (fetch would normalise `..`). */
function rawGet(path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(platform.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the GraphQL IDE page (GET /graphql from a browser)', () => {
  it('is HTML that loads only same-origin /ide/assets files, nothing from a CDN', async () => {
    const response = await getHtml();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<div id="graphiql">');

    const { scripts, links } = referencedUrls(html);
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const url of [...scripts, ...links.filter((href) => !href.startsWith('data:'))]) {
      expect(url).toMatch(/^\/ide\/assets\/[\w.-]+\?v=[0-9a-f]+$/);
    }
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/unpkg|jsdelivr|cdnjs|cdn\.|apollographql\.com|embeddable/i);
    // The page itself forbids loading anything from elsewhere.
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self';/);
  });

  it('serves every referenced file with a JS or CSS content type, cacheable for good', async () => {
    const html = await (await getHtml()).text();
    const { scripts, links } = referencedUrls(html);
    const stylesheets = links.filter((href) => href.startsWith('/ide/'));
    expect(stylesheets).toHaveLength(1);
    const expectations = [
      ...scripts.map((url) => ({ url, type: /^text\/javascript; charset=utf-8$/ })),
      ...stylesheets.map((url) => ({ url, type: /^text\/css; charset=utf-8$/ })),
    ];
    for (const { url, type } of expectations) {
      const response = await fetch(new URL(url, origin));
      const body = await response.text();
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(body.length).toBeGreaterThan(500);
    }
    const graphiql = scripts.find((url) => url.startsWith('/ide/assets/graphiql.min.js'));
    expect(await (await fetch(new URL(graphiql ?? '', origin))).text()).toContain('GraphiQL');
  });

  it('revalidates unversioned asset URLs and answers 304 to a matching ETag', async () => {
    const response = await fetch(new URL('/ide/assets/ide.js', origin));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect((await fetch(new URL('/ide/assets/ide.js', origin), { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('answers 404 for anything outside the allow-list, and 405 for other methods', async () => {
    for (const path of [
      '/ide/assets/',
      '/ide/assets/graphiql.js',
      '/ide/assets/graphiql.min.js.map',
      '/ide/assets/package.json',
      '/ide/assets/../package.json',
      '/ide/assets/..%2f..%2fpackage.json',
      '/ide/assets/%2e%2e/%2e%2e/package.json',
      '/ide/assets/../../../../etc/passwd',
      '/ide/assets/react/umd/react.production.min.js',
      '/ide/assets//etc/passwd',
      '/ide/',
    ]) {
      expect({ path, status: (await rawGet(path)).status }).toEqual({ path, status: 404 });
    }
    expect((await rawGet('/ide/assets/ide.js', 'POST')).status).toBe(405);
    const head = await rawGet('/ide/assets/ide.js', 'HEAD');
    expect(head).toEqual({ status: 200, body: '' });
  });

  it('preloads the example tabs and the Authorization header template', async () => {
    const html = await (await getHtml()).text();
    const json = /<script type="application\/json" id="ide-config">([^<]*)<\/script>/.exec(html)?.[1];
    const config = JSON.parse(json ?? 'null') as { tabs: Array<{ query: string; headers: string }>; defaultHeaders: string };
    const operations = config.tabs.map((tab) => /^(query|mutation) \w+[\s\S]*?\{\s*(\w+)/m.exec(tab.query)?.[2]);
    expect(operations).toEqual(['logIn', 'me', 'events', 'claimReward', 'rewardClaims']);
    expect(JSON.parse(config.defaultHeaders)).toEqual({ Authorization: AUTHORIZATION_TEMPLATE });
    for (const tab of config.tabs) expect(JSON.parse(tab.headers)).toEqual({ Authorization: AUTHORIZATION_TEMPLATE });
    expect(config.tabs[0]?.query).toMatch(/Headers pane[\s\S]*Bearer/);
  });

  it('has example operations that are valid against the gateway schema', async () => {
    const introspection = await platform.request<IntrospectionQuery>(getIntrospectionQuery());
    const schema = buildClientSchema(introspection.data as IntrospectionQuery);
    for (const tab of EXAMPLE_TABS) {
      expect(validate(schema, parse(tab.query)).map((error) => error.message)).toEqual([]);
      if (tab.variables) expect(() => JSON.parse(tab.variables ?? '') as unknown).not.toThrow();
    }
    // The events example, with its union fragments, on a running event.
    const token = (await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password)).token;
    const created = await platform.request(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: {
          title: 'IDE example event',
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          challenges: [{ loginStreak: { days: 1 } }],
          rewards: [{ currency: { currency: 'COIN', amount: 10 } }, { item: { itemId: 'potion', quantity: 2 } }],
        },
      },
      token,
    );
    expect(created.errors).toBeUndefined();
    const events = EXAMPLE_TABS[2];
    const result = await platform.request(events?.query ?? '', JSON.parse(events?.variables ?? '{}') as Record<string, unknown>, token);
    expect(result.errors).toBeUndefined();
    const node = (result.data?.['events'] as { edges: Array<{ node: Record<string, unknown> }> }).edges.find(
      (edge) => edge.node['title'] === 'IDE example event',
    )?.node;
    expect(node?.['status']).toBe('RUNNING');
    expect(node?.['challenges']).toEqual([{ __typename: 'LoginStreakChallenge', days: 1 }]);
    expect(node?.['rewards']).toEqual([
      { __typename: 'CurrencyReward', currency: 'COIN', amount: 10 },
      { __typename: 'ItemReward', itemId: 'potion', quantity: 2 },
    ]);
  });

  it('does not serve the IDE from the subgraphs', async () => {
    const users = new URL(platform.users.url);
    expect((await fetch(new URL('/ide/assets/ide.js', users.origin))).status).toBe(404);
    const page = await fetch(platform.users.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });
});

describe('GraphQL over HTTP is unchanged next to the IDE', () => {
  it('answers POST requests', async () => {
    const response = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    await expect(platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password)).resolves.toEqual(
      expect.objectContaining({ token: expect.any(String) }),
    );
  });

  it('answers GET queries with a preflight header, and blocks them without one (CSRF prevention)', async () => {
    const url = `${platform.url}?query=${encodeURIComponent('{ __typename }')}`;
    const preflights: Array<Record<string, string>> = [{ 'apollo-require-preflight': 'true' }, { 'content-type': 'application/json' }];
    for (const headers of preflights) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    }
    const blocked = await fetch(url, { headers: { accept: 'application/json' } });
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('serves JSON, not the IDE, to a GET that does not prefer HTML', async () => {
    for (const accept of ['*/*', 'application/json', 'application/json, text/html;q=0.5']) {
      const response = await fetch(platform.url, { headers: { accept, 'apollo-require-preflight': 'true' } });
      expect({ accept, type: response.headers.get('content-type') }).toEqual({ accept, type: expect.stringMatching(/^application\/json/) });
      expect(response.status).toBe(400);
    }
  });
});
