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
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitHealthy(name: string, base: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
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
 * Starts one compiled entry point (dist/...) as its own Node process with `env`, and waits
 * for its /health. stderr is passed through so start-up failures are visible.
 */
export async function startServiceProcess(name: string, entry: string, port: number, env: Record<string, string>): Promise<ServiceProcess> {
  // BENCH_SERVICES_ROOT runs another build of the services (e.g. a copy of the code before a
  // change) under the same load, for before/after figures from one machine state.
  const root = process.env['BENCH_SERVICES_ROOT'] ?? process.cwd();
  const child = spawn(process.execPath, [join(root, entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitHealthy(name, url, child, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, url, child, stop };
}
