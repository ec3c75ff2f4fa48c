import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestPlatform, TEST_ADMIN, type TestPlatform } from '../../test/support/platform';

/**
 * The IDE in a real browser (Debian's Chromium, driven by playwright-core), with every request
 * to a non-loopback host blocked: it has to work without internet access.
 */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) process.stdout.write(`ide.browser.test: skipped, no Chromium at ${CHROMIUM} (install it or set CHROMIUM_PATH)\n`);
const maybe = available ? describe : describe.skip;

const SCREENSHOT = '/tmp/ide.png';
const FAILURE_SCREENSHOT = '/tmp/ide-failure.png';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * GraphiQL's editors are CodeMirror 5 instances, reachable from their element. These helpers run
 * in the page (no DOM types here: the project compiles for node).
 */
interface EditorElement {
  CodeMirror?: { getValue(): string; setValue(value: string): void };
}
type PageGlobals = { document: { querySelector(selector: string): EditorElement | null } };

const editorValue = (page: Page, selector: string) =>
  page.evaluate((sel) => (globalThis as unknown as PageGlobals).document.querySelector(sel)?.CodeMirror?.getValue() ?? null, selector);

const setEditorValue = (page: Page, selector: string, value: string) =>
  page.evaluate(
    ([sel, text]) => {
      const editor = (globalThis as unknown as PageGlobals).document.querySelector(sel)?.CodeMirror;
      if (!editor) throw new Error(`no editor at ${sel}`);
      editor.setValue(text);
    },
    [selector, value] as const,
  );

const waitForEditorText = (page: Page, selector: string, text: string) =>
  page.waitForFunction(
    ([sel, expected]) =>
      (globalThis as unknown as PageGlobals).document.querySelector(sel)?.CodeMirror?.getValue().includes(expected) ?? false,
    [selector, text] as const,
  );

/** Replaces the query, waits until GraphiQL has taken it in (the tab is named after it), runs it. */
async function run(page: Page, operationName: string, query: string) {
  await setEditorValue(page, QUERY_EDITOR, query);
  await page.locator('.graphiql-tab-active', { hasText: operationName }).waitFor();
  await page.getByRole('button', { name: /execute query/i }).click();
}

interface SentRequest {
  headers: Record<string, string>;
  body: string;
}

const QUERY_EDITOR = '.graphiql-query-editor .CodeMirror';
const RESPONSE = '.graphiql-response .CodeMirror';
/** The visible one of the Variables / Headers editors under the query editor. */
const TOOL_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';

maybe('the GraphQL IDE in a browser, offline', () => {
  let platform: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startTestPlatform(),
      chromium.launch({
        executablePath: CHROMIUM,
        timeout: 20_000,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    ]);
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('logs in, sets the Authorization header and runs `me`', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);

    const offHost: string[] = [];
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || LOOPBACK.has(url.hostname)) return route.continue();
      offHost.push(url.href);
      return route.abort('blockedbyclient');
    });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    const graphqlRequests: SentRequest[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') {
        graphqlRequests.push({ headers: request.headers(), body: request.postData() ?? '' });
      }
    });

    try {
      await driveTheIde(page, graphqlRequests);
      await page.screenshot({ path: SCREENSHOT });
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
      const details = [...problems, ...offHost.map((url) => `blocked: ${url}`), `screenshot: ${FAILURE_SCREENSHOT}`];
      (error as Error).message += `\n${details.join('\n')}`;
      throw error;
    } finally {
      await context.close();
    }
    expect(offHost).toEqual([]);
    expect(problems).toEqual([]);
  }, 50_000);

  async function driveTheIde(page: Page, graphqlRequests: SentRequest[]) {
    const introspection = page.waitForResponse(
      (answer) => answer.request().method() === 'POST' && (answer.request().postData() ?? '').includes('IntrospectionQuery'),
    );
    const response = await page.goto(platform.url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await page.waitForSelector(QUERY_EDITOR);
    // The schema is introspected (docs, completion) through the IDE's fetcher.
    const schema = (await (await introspection).json()) as { data?: { __schema?: unknown }; errors?: unknown };
    expect(schema.errors).toBeUndefined();
    expect(schema.data?.__schema).toBeDefined();

    // The example tabs are there, named after their operations; the first one is open.
    await page.locator('.graphiql-tab').first().waitFor();
    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    expect(tabs.map((text) => text.trim())).toEqual(['LogIn', 'Me', 'Events', 'ClaimReward', 'RewardClaims']);
    expect(await editorValue(page, QUERY_EDITOR)).toContain('mutation LogIn($input: CredentialsInput!)');

    // Log in as the admin: the query in the query editor, the credentials in the Variables pane.
    await page.getByRole('button', { name: /^variables$/i }).click();
    await setEditorValue(page, TOOL_EDITOR, JSON.stringify({ input: { ...TEST_ADMIN, deviceId: 'ide-test' } }, null, 2));
    await run(
      page,
      'AdminLogIn',
      'mutation AdminLogIn($input: CredentialsInput!) {\n  logIn(input: $input) {\n    accessToken\n    user { username roles }\n  }\n}\n',
    );
    await waitForEditorText(page, RESPONSE, 'accessToken');
    const loggedIn = JSON.parse((await editorValue(page, RESPONSE)) ?? '{}') as { data?: { logIn?: { accessToken: string } } };
    const token = loggedIn.data?.logIn?.accessToken ?? '';
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    // The Headers pane holds the template, which the IDE did not send; its requests are JSON POSTs.
    await page.getByRole('button', { name: /^headers$/i }).click();
    expect(JSON.parse((await editorValue(page, TOOL_EDITOR)) ?? '{}')).toEqual({ Authorization: 'Bearer <paste accessToken>' });
    const logInRequest = graphqlRequests.find((request) => request.body.includes('AdminLogIn'));
    expect(logInRequest?.headers['content-type']).toBe('application/json');
    expect(logInRequest?.headers['authorization']).toBeUndefined();

    // Paste the token into the Headers pane and ask who we are.
    await setEditorValue(page, TOOL_EDITOR, JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2));
    await run(page, 'WhoAmI', 'query WhoAmI {\n  me { username roles }\n}\n');
    await waitForEditorText(page, RESPONSE, '"me"');
    const me = JSON.parse((await editorValue(page, RESPONSE)) ?? '{}') as { data?: { me?: { username: string; roles: string[] } } };
    expect(me.data?.me).toEqual({ username: TEST_ADMIN.username, roles: expect.arrayContaining(['ADMIN']) });
    const meRequest = graphqlRequests.find((request) => request.body.includes('WhoAmI'));
    expect(meRequest?.headers['content-type']).toBe('application/json');
    expect(meRequest?.headers['authorization']).toBe(`Bearer ${token}`);
  }
});
