import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/platform';

/** The dashboard browser test's set-up (one Vite build, one platform, one Chromium) and page helpers. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const available = existsSync(CHROMIUM);
if (!available) process.stdout.write(`dashboard.browser.test: skipped, no Chromium at ${CHROMIUM} (install it or set CHROMIUM_PATH)\n`);
export const maybe = available ? describe : describe.skip;

export const root = join(__dirname, '..', '..');
export const dashboardDir = join(root, 'dashboard');
// The README's screenshots are rewritten only on request (UPDATE_SCREENSHOTS=1), so a test
// run leaves the work tree clean; otherwise they go to a temporary folder.
export const SCREENSHOTS = process.env['UPDATE_SCREENSHOTS'] === '1' ? join(root, 'docs', 'dashboard') : join(tmpdir(), 'dashboard-screenshots');
export const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const PASSWORD = 'correct horse battery';
export const BUNDLE_BUDGET_GZIP_BYTES = 350 * 1024;

export const HOUR = 3_600_000;
/** A datetime-local value (the form reads it as UTC). */
export const utcInput = (at: number) => new Date(at).toISOString().slice(0, 16);

export let platform: TestPlatform;
export let browser: Browser;
export let adminToken: string;
export const problems: string[] = [];
export const offHost: string[] = [];

/** Builds the dashboard, starts the platform and Chromium around the calling suite; no stray requests or page errors per test. */
export function useDashboardBrowser(): void {
  beforeAll(async () => {
    // One production build per run (about 3 s): the gateway serves dashboard/dist.
    await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: dashboardDir,
      // jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    [platform, browser] = await Promise.all([
      startTestPlatform(),
      chromium.launch({
        executablePath: CHROMIUM,
        timeout: 20_000,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
    ]);
    adminToken = (await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password)).token;
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  afterEach(() => {
    expect(offHost).toEqual([]);
    expect(problems).toEqual([]);
  });
}

/** A staff account with these roles, made through the API by the admin. */
export async function staff(username: string, roles: string[]): Promise<string> {
  const { id } = await platform.signUp(username, PASSWORD);
  const result = await platform.request(`mutation($id: ID!, $roles: [Role!]!) { setRoles(userId: $id, roles: $roles) { id } }`, { id, roles }, adminToken);
  expect(result.errors).toBeUndefined();
  return id;
}

export async function openDashboard(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) return route.continue();
    offHost.push(url.href);
    return route.abort('blockedbyclient');
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  const response = await page.goto(new URL('/dashboard', platform.url).toString(), { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return { context, page };
}

export async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function withFailureShot<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const path = join(tmpdir(), `dashboard-${name}-failure.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    (error as Error).message += `\n${[...problems, ...offHost.map((url) => `blocked: ${url}`), `screenshot: ${path}`].join('\n')}`;
    throw error;
  }
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

export async function expectFigure(page: Page, label: string, value: string) {
  await page.locator('.figure', { has: page.getByText(label, { exact: true }) }).locator('dd', { hasText: new RegExp(`^${value}$`) }).waitFor();
}

export async function expectValue(page: Page, label: string, value: string) {
  const actual = await page.getByLabel(label).inputValue();
  if (actual !== value) throw new Error(`${label}: expected ${value}, got ${actual}`);
}
