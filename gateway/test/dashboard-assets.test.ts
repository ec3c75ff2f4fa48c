import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHttpService } from '@platform/shared';
import { startGateway } from '../src/server';
import { testConfig } from '../../test/support/config';

/**
 * How the gateway serves a built dashboard: here a small stand-in for dashboard/dist (the real
 * build is exercised by test/e2e/dashboard.browser.test.ts). The gateway needs no subgraph to
 * serve files.
 */
const INDEX = '<!doctype html><div id="root"></div><script type="module" src="/dashboard/assets/index-abc123.js"></script>';
let dist: string;
const running: RunningHttpService[] = [];

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'dashboard-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("dashboard")');
  writeFileSync(join(dist, 'assets', 'index-def456.css'), 'body{}');
});
afterAll(async () => {
  for (const service of running) await service.stop();
  rmSync(dist, { recursive: true, force: true });
});

async function gateway(env: Record<string, string> = {}, dashboardDir = dist): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const service = await startGateway(testConfig(env), { dashboardDir });
  running.push(service);
  return (path, init) => fetch(new URL(path, service.url), init);
}

test('index.html at /dashboard and for every client-side route, revalidated, with a strict CSP', async () => {
  const get = await gateway();
  for (const path of ['/dashboard', '/dashboard/', '/dashboard/events/42/edit', '/dashboard/users?x=1']) {
    const response = await get(path);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toBe(INDEX);
  }
});

test('hashed assets: their content type, cached for good, 304 on a matching ETag; unknown assets are 404', async () => {
  const get = await gateway();
  const script = await get('/dashboard/assets/index-abc123.js');
  expect(script.status).toBe(200);
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  const etag = script.headers.get('etag') ?? '';
  expect((await get('/dashboard/assets/index-abc123.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
  expect((await get('/dashboard/assets/index-def456.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  expect((await get('/dashboard/assets/missing.js')).status).toBe(404);
  expect((await get('/dashboard/assets/index-abc123.js', { method: 'POST' })).status).toBe(405);
  // Nothing outside the built files is reachable: paths are looked up, never joined onto the disk.
  expect(await (await get('/dashboard/..%2f..%2fpackage.json')).text()).toBe(INDEX);
});

test('without a build, /dashboard says how to build it; DASHBOARD_ENABLED=false turns it off', async () => {
  const unbuilt = await gateway({}, join(dist, 'nowhere'));
  const response = await unbuilt('/dashboard/events');
  expect(response.status).toBe(503);
  expect(await response.text()).toMatch(/npm run build/);
  const off = await gateway({ DASHBOARD_ENABLED: 'false' });
  expect((await off('/dashboard')).status).toBe(404);
  expect(() => testConfig({ DASHBOARD_ENABLED: 'maybe' })).toThrow(/DASHBOARD_ENABLED/);
});
