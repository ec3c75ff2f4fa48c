import 'reflect-metadata';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './supergraph';
import { unionSelectionFiles } from './union-selections';

/**
 * `npm run compose`: writes each subgraph's SDL, the supergraph the gateway serves and the
 * client-facing api.graphql into schema/. `--check` fails when they are stale instead.
 */
async function main() {
  const check = process.argv.includes('--check');
  const files = await composeSupergraph();
  const schemaDir = join(__dirname, '..', '..', 'schema');
  const dir = existsSync(schemaDir) ? schemaDir : join(__dirname, '..', 'schema');
  const root = join(dir, '..');
  const outputs = [
    ...Object.entries(files).map(([name, content]) => [join(dir, name), `schema/${name}`, content] as const),
    ...Object.entries(unionSelectionFiles(files['api.graphql'] ?? '')).map(([name, content]) => [join(root, name), name, content] as const),
  ];
  const stale: string[] = [];
  for (const [path, name, content] of outputs) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current === content) continue;
    if (check) stale.push(name);
    else writeFileSync(path, content);
  }
  if (stale.length > 0) {
    process.stderr.write(`generated files are stale (${stale.join(', ')}): run npm run compose\n`);
    process.exit(1);
  }
  process.stdout.write(check ? 'schema/ and the union selections are up to date\n' : `wrote ${outputs.map(([, name]) => name).join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
