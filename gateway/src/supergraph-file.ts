import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** schema/supergraph.graphql, found from source (ts) and build (dist) layouts alike. */
export function readSupergraph(path = process.env['SUPERGRAPH_PATH']): string {
  if (path) return readFileSync(path, 'utf8');
  let dir = __dirname;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'schema', 'supergraph.graphql');
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    dir = dirname(dir);
  }
  throw new Error('schema/supergraph.graphql not found: run `npm run compose` or set SUPERGRAPH_PATH');
}
