import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, extname, join, relative, sep } from 'node:path';
import type { PageResult, PageRoute } from '@platform/shared';

/** Where the dashboard lives: its index page, and every client-side route under it. */
export const DASHBOARD_PATH = '/dashboard';

/**
 * What the dashboard may load: its own origin only (no CDN; it works offline). uPlot sizes its
 * canvas with inline styles, hence 'unsafe-inline' for styles only; the CSV export is a blob: URL.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface DashboardFile {
  contentType: string;
  body: Buffer;
  etag: string;
  /** Vite names the files under assets/ by their content hash: cacheable for good. */
  immutable: boolean;
}

/** The built dashboard (dashboard/dist), found through its workspace package like any dependency. */
export function dashboardDistDir(): string {
  return join(dirname(require.resolve('@platform/dashboard/package.json')), 'dist');
}

function readTree(root: string, dir = root): Map<string, DashboardFile> {
  const files = new Map<string, DashboardFile>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      for (const [key, file] of readTree(root, path)) files.set(key, file);
      continue;
    }
    const body = readFileSync(path);
    const urlPath = relative(root, path).split(sep).join('/');
    files.set(urlPath, {
      contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
      body,
      etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
      immutable: urlPath.startsWith('assets/'),
    });
  }
  return files;
}

function respond(file: DashboardFile, request: IncomingMessage, extra: Record<string, string> = {}): PageResult {
  const headers: Record<string, string> = {
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag: file.etag,
    'x-content-type-options': 'nosniff',
    ...extra,
  };
  if (request.headers['if-none-match'] === file.etag) return { status: 304, headers, body: '' };
  return { status: 200, headers: { ...headers, 'content-type': file.contentType, 'content-length': String(file.body.length) }, body: file.body };
}

const notBuilt = (): PageResult => ({
  status: 503,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  body: 'The dashboard is not built. Run `npm run build` (or `npm start`, which builds it) and restart.\n',
});

const notFound = (): PageResult => ({
  status: 404,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: '{"error":"Not found"}',
});

/**
 * GET routes for the dashboard: one exact path per built file, and `/dashboard/*` answering
 * index.html for the app's own routes (a reload of /dashboard/events/42 works). A missing
 * file under assets/ stays a 404, so a stale page never gets HTML for a script.
 */
export function dashboardPages(distDir: string = dashboardDistDir()): Record<string, PageRoute> {
  const files = existsSync(join(distDir, 'index.html')) ? readTree(distDir) : null;
  const index = files?.get('index.html');
  if (!files || !index) {
    return { [DASHBOARD_PATH]: notBuilt, [`${DASHBOARD_PATH}/*`]: notBuilt };
  }
  const page = (request: IncomingMessage) => respond(index, request, { 'content-security-policy': CONTENT_SECURITY_POLICY, 'referrer-policy': 'no-referrer' });
  const routes: Record<string, PageRoute> = {
    [DASHBOARD_PATH]: page,
    [`${DASHBOARD_PATH}/*`]: (request, url) => (url.pathname.startsWith(`${DASHBOARD_PATH}/assets/`) ? notFound() : page(request)),
  };
  for (const [path, file] of files) {
    if (path === 'index.html') continue;
    routes[`${DASHBOARD_PATH}/${path}`] = (request) => respond(file, request);
  }
  return routes;
}
