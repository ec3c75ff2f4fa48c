/**
 * The checked-in client/src/generated/ must be what `npm run codegen` makes from the current
 * schema and operations, and the type-check must cover the client.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
const GENERATED = 'client/src/generated';

interface GeneratedFile {
  filename: string;
  content: string;
}
/** codegen.yml, as far as this test looks into it. */
interface CodegenConfig {
  generates: Record<string, unknown>;
}

/**
 * Runs the programmatic API, `generate(config, false)` of @graphql-codegen/cli, in memory and
 * returns its files. It runs in a child Node process: the CLI package loads ESM-only modules
 * (yargs, log-symbols, ...) that plain Node requires fine but jest's module loader cannot.
 */
async function generateInMemory(config: CodegenConfig): Promise<GeneratedFile[]> {
  const script = `
    const { generate } = require('@graphql-codegen/cli');
    const config = JSON.parse(process.env.CODEGEN_CONFIG);
    generate({ ...config, cwd: process.cwd(), silent: true }, false).then(
      (files) => process.stdout.write(JSON.stringify(files.map(({ filename, content }) => ({ filename, content })))),
      (error) => { console.error(error); process.exit(1); },
    );`;
  const { stdout } = await run(process.execPath, ['-e', script], {
    cwd: ROOT,
    env: { ...process.env, CODEGEN_CONFIG: JSON.stringify(config), NODE_NO_WARNINGS: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const files: unknown = JSON.parse(stdout);
  if (!isFileOutputs(files)) throw new Error('codegen returned no files');
  return files;
}


function isFileOutputs(value: unknown): value is GeneratedFile[] {
  return (
    Array.isArray(value) &&
    value.every((file: unknown) => typeof file === 'object' && file !== null && typeof (file as GeneratedFile).filename === 'string' && typeof (file as GeneratedFile).content === 'string')
  );
}

test(`${GENERATED}/ is fresh: codegen.yml, run in memory, reproduces it byte for byte`, async () => {
  const config = parseYaml(await readFile(join(ROOT, 'codegen.yml'), 'utf8')) as CodegenConfig;
  expect(Object.keys(config.generates)).toEqual([`${GENERATED}/`]);
  const output = await generateInMemory(config);

  const generated = new Map(output.map((file) => [relative(ROOT, resolve(ROOT, file.filename)), file.content]));
  const onDisk = (await readdir(join(ROOT, GENERATED))).map((name) => `${GENERATED}/${name}`).sort();
  expect(onDisk).toEqual([...generated.keys()].sort());
  const stale: string[] = [];
  for (const [path, content] of generated) {
    if ((await readFile(join(ROOT, path), 'utf8')) !== content) stale.push(path);
  }
  // On failure: run `npm run codegen` and check the result in.
  expect(stale).toEqual([]);

  // Deterministic: a second run gives the very same text (no timestamps, stable order).
  const again = await generateInMemory(config);
  expect(again.map((file) => file.content)).toEqual(output.map((file) => file.content));
}, 60_000);

function projectFiles(configFile: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, configFile), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  // `tsc -b` checks a project's references too: their files are covered as well.
  const referenced = (parsed.projectReferences ?? []).flatMap((reference) => projectFiles(relative(ROOT, ts.resolveProjectReferencePath(reference))));
  return [...parsed.fileNames.map((file) => relative(ROOT, file)), ...referenced];
}

test('`npm run typecheck` (tsconfig.json) covers the client, its generated code and its tests', () => {
  const files = projectFiles('tsconfig.json');
  expect(files).toEqual(
    expect.arrayContaining([
      'client/src/platform-client.ts',
      'client/src/ops-cli.ts',
      'client/src/cli/args.ts',
      `${GENERATED}/graphql.ts`,
      'test/e2e/client/personas.test.ts',
      'test/e2e/client/errors-and-refresh.test.ts',
      'test/e2e/ops-cli/usage.test.ts',
      'test/e2e/ops-cli/operator-session.test.ts',
    ]),
  );
});

test('the build (tsconfig.build.json) compiles the CLI for `npm run ops`, without tests', () => {
  const files = projectFiles('tsconfig.build.json');
  expect(files).toEqual(expect.arrayContaining(['client/src/ops-cli.ts', 'client/src/platform-client.ts', `${GENERATED}/graphql.ts`]));
  expect(files.filter((file) => file.endsWith('.test.ts'))).toEqual([]);
});
