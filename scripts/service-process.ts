import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free loopback port, found by binding port 0 and releasing it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServiceProcess {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitHealthy(name: string, base: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(new URL('/health', base));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not healthy within ${deadlineMs} ms`);
}

/**
 * Starts one compiled entry point (<root>/dist/...) as its own Node process with `env`, and
 * waits for its /health. stderr (the service's log) is passed through.
 */
export async function startServiceProcess(name: string, root: string, entry: string, port: number, env: Record<string, string>): Promise<ServiceProcess> {
  // CPU_PROF_DIR=<dir> writes a --cpu-prof profile of each service when it exits.
  const profileDir = process.env['CPU_PROF_DIR'];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, join(root, entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const host = !env['HOST'] || env['HOST'] === '0.0.0.0' || env['HOST'] === '::' ? '127.0.0.1' : env['HOST'].includes(':') ? `[${env['HOST']}]` : env['HOST'];
  const url = `http://${host}:${port}/graphql`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitHealthy(name, url, child, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, url, port, child, stop };
}
