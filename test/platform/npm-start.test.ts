import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bearer, postGraphQL } from '../support/platform';

/**
 * `npm start` as a person runs it: the compiled start script in its own process. Built once
 * (incrementally) before the tests; each test runs in a fresh working directory, where the
 * development key pair gets generated.
 */
const root = join(__dirname, '..', '..');
const startScript = join(root, 'dist', 'scripts', 'start.js');

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: root });
}, 180_000);

interface Run {
  output: () => string;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
}

function start(env: Record<string, string>, args: string[] = []): Run {
  let output = '';
  const child = spawn(process.execPath, [startScript, ...args], {
    cwd: mkdtempSync(join(tmpdir(), 'npm-start-')),
    env: { PATH: process.env['PATH'] ?? '', MONGOMS_DISABLE_EMBEDDED: '1', LOG_LEVEL: 'warn', PORT: '0', USERS_PORT: '0', EVENTS_PORT: '0', ...env },
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
  };
}

async function until(run: Run, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" not printed; output:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test.each(['SIGINT', 'SIGTERM'] as const)('prints the URL, serves, and exits 0 on %s', async (signal) => {
  const run = start({});
  await until(run, 'Press Ctrl-C to stop.');
  const url = /GraphQL API: (\S+)/.exec(run.output())?.[1];
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  const health = (await (await fetch(new URL('/health', url))).json()) as { status: string };
  expect(health.status).toBe('ok');
  expect(run.output()).toMatch(/IN-MEMORY store/);
  run.kill(signal);
  expect(await run.exited).toBe(0);
  expect(run.output()).toContain(`${signal}: shutting down`);
}, 60_000);

test('a taken port ends start-up with a clear message and exit code 1', async () => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const run = start({ PORT: String(port) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Failed to start: gateway: port ${port} on 127.0.0.1 is already in use`);
  } finally {
    blocker.close();
  }
}, 60_000);

test('production without MONGODB_URI or secrets refuses to start', async () => {
  const run = start({ NODE_ENV: 'production' });
  expect(await run.exited).toBe(1);
  expect(run.output()).toMatch(/Invalid configuration:[\s\S]*MONGODB_URI is required in production/);
  expect(run.output()).toMatch(/SERVICE_SECRET is required in production/);
}, 60_000);

test('--cluster runs users, events and the gateway as separate processes that work together, and stops them all', async () => {
  const run = start({}, ['--cluster']);
  await until(run, 'Press Ctrl-C to stop.');
  expect(run.output()).toContain('Processes:   one per service');
  const url = /GraphQL API: (\S+)/.exec(run.output())?.[1] as string;
  const subgraphs = /users (\S+), events (\S+)/.exec(run.output());
  const ask = async (query: string, token?: string) => (await postGraphQL(url, { query }, bearer(token))).body;
  const signedUp = await ask('mutation { signUp(input: { username: "cluster_cleo", password: "correct horse battery" }) { accessToken } }');
  const me = await ask('{ me { username rewardClaims { totalCount } } }', signedUp.data?.signUp.accessToken);
  expect(me).toEqual({ data: { me: { username: 'cluster_cleo', rewardClaims: { totalCount: 0 } } } });
  run.kill('SIGTERM');
  expect(await run.exited).toBe(0);
  // Every child stopped with the parent: nothing answers on their ports any more.
  for (const service of [url, subgraphs?.[1], subgraphs?.[2]]) await expect(fetch(new URL('/health', service))).rejects.toThrow();
}, 90_000);
