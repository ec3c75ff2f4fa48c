import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import type { PageResult, PageRoute } from '@platform/shared';
import { IDE_CLIENT_SCRIPT } from './ide-client';

/** Where the IDE's files are served: a fixed allow-list, no directory is exposed. */
export const IDE_ASSET_PREFIX = '/ide/assets/';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

interface AssetSource {
  contentType: string;
  /** A file inside an installed package, or the content itself. */
  file?: { packageName: string; path: string };
  content?: string;
}

/** The IDE's files, in the order the page loads them. */
const SOURCES: Record<string, AssetSource> = {
  'graphiql.min.css': { contentType: CSS, file: { packageName: 'graphiql', path: 'graphiql.min.css' } },
  'react.production.min.js': { contentType: JS, file: { packageName: 'react', path: 'umd/react.production.min.js' } },
  'react-dom.production.min.js': { contentType: JS, file: { packageName: 'react-dom', path: 'umd/react-dom.production.min.js' } },
  'graphiql.min.js': { contentType: JS, file: { packageName: 'graphiql', path: 'graphiql.min.js' } },
  'ide.js': { contentType: JS, content: IDE_CLIENT_SCRIPT },
};

export interface IdeAsset {
  name: string;
  contentType: string;
  body: Buffer;
  /** Short content hash: the `?v=` of the asset's URL, so it can be cached for good. */
  version: string;
  /** `/ide/assets/<name>?v=<version>` */
  url: string;
}

/**
 * A package's directory, resolved the way require does (from ts sources and the built dist
 * alike). Through package.json because packages' export maps hide their UMD files.
 */
function packageDir(packageName: string): string {
  return dirname(require.resolve(`${packageName}/package.json`));
}

let loaded: Map<string, IdeAsset> | undefined;

/** Reads the allow-listed files once (about 1.5 MB) and keeps them in memory. */
export function ideAssets(): Map<string, IdeAsset> {
  if (loaded) return loaded;
  const assets = new Map<string, IdeAsset>();
  for (const [name, source] of Object.entries(SOURCES)) {
    const body = source.file
      ? readFileSync(join(packageDir(source.file.packageName), source.file.path))
      : Buffer.from(source.content ?? '', 'utf8');
    const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
    assets.set(name, { name, contentType: source.contentType, body, version, url: `${IDE_ASSET_PREFIX}${name}?v=${version}` });
  }
  loaded = assets;
  return assets;
}

function serveAsset(name: string, request: IncomingMessage, url: URL): PageResult {
  const asset = ideAssets().get(name);
  if (!asset) return { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"error":"Not found"}' };
  const etag = `"${asset.version}"`;
  const headers: Record<string, string> = {
    // The versioned URL never changes content; anything else is revalidated.
    'cache-control': url.searchParams.get('v') === asset.version ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (request.headers['if-none-match'] === etag) return { status: 304, headers, body: '' };
  return {
    status: 200,
    headers: { ...headers, 'content-type': asset.contentType, 'content-length': String(asset.body.length) },
    body: asset.body,
  };
}

/** GET routes for the host: one exact path per allow-listed file; every other path stays a 404. */
export function ideAssetPages(): Record<string, PageRoute> {
  return Object.fromEntries(
    Object.keys(SOURCES).map((name): [string, PageRoute] => [`${IDE_ASSET_PREFIX}${name}`, (request, url) => serveAsset(name, request, url)]),
  );
}
