import 'reflect-metadata';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './supergraph';

/**
 * `npm run compose`: writes each subgraph's SDL, the supergraph the gateway serves and the
 * client-facing api.graphql into schema/. `--check` fails when they are stale instead.
 */
async function main() {
  const check = process.argv.includes('--check');
  const files = await composeSupergraph();
  const schemaDir = join(__dirname, '..', '..', 'schema');
  const dir = existsSync(schemaDir) ? schemaDir : join(__dirname, '..', 'schema');
  const stale: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current === content) continue;
    if (check) stale.push(name);
    else writeFileSync(path, content);
  }
  if (stale.length > 0) {
    process.stderr.write(`schema/ is stale (${stale.join(', ')}): run npm run compose\n`);
    process.exit(1);
  }
  process.stdout.write(check ? 'schema/ is up to date\n' : `wrote ${Object.keys(files).join(', ')} to schema/\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
