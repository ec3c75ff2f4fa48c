import { join } from 'node:path';
import type { PlatformConfig } from '@platform/shared';
import { freePort, startServiceProcess, type ServiceProcess } from './service-process';

/** The repository root, from dist/scripts/cluster.js. */
const ROOT = join(__dirname, '..', '..');

/**
 * users, events and the gateway each in its own Node process (`npm run start:cluster`), as
 * docker compose runs them, so one machine uses more than one core. The children get the
 * parent's environment (keys, secrets, MONGODB_URI) and fixed ports; port 0 means "any free
 * port", chosen here because each service must know the others' URLs before it starts.
 */
export interface RunningCluster {
  url: string;
  users: ServiceProcess;
  events: ServiceProcess;
  gateway: ServiceProcess;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Where the built services are (its dist/): this checkout unless given (benchmarks compare builds). */
  root?: string;
  /** The gateway's process name and entry point, when not ours (a benchmark's other gateway). */
  gateway?: { name: string; entry: string };
  /** Variables only users gets (the signing key, the first admin), on top of `env`. */
  usersEnv?: Record<string, string>;
  /** Hears of a child that ends on its own. */
  onExit?: (name: string, code: number | null) => void;
}

export async function startCluster(env: Record<string, string | undefined>, configuredPorts: PlatformConfig['ports'], options: ClusterOptions = {}): Promise<RunningCluster> {
  const port = async (value: number) => (value === 0 ? freePort() : value);
  const ports = { users: await port(configuredPorts.users), events: await port(configuredPorts.events), gateway: await port(configuredPorts.gateway) };
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) childEnv[name] = value;
  Object.assign(childEnv, { PORT: String(ports.gateway), USERS_PORT: String(ports.users), EVENTS_PORT: String(ports.events) });

  const started: ServiceProcess[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const service of [...started].reverse()) await service.stop();
  };
  const start = async (name: string, entry: string, servicePort: number, serviceEnv: Record<string, string> = {}) => {
    const service = await startServiceProcess(name, options.root ?? ROOT, entry, servicePort, { ...childEnv, ...serviceEnv });
    service.child.once('exit', (code) => {
      if (!stopping) options.onExit?.(name, code);
    });
    started.push(service);
    return service;
  };
  try {
    const users = await start('users', 'dist/subgraphs/users/src/main.js', ports.users, options.usersEnv);
    const events = await start('events', 'dist/subgraphs/events/src/main.js', ports.events);
    const gateway = await start(options.gateway?.name ?? 'gateway', options.gateway?.entry ?? 'dist/gateway/src/main.js', ports.gateway);
    return { url: gateway.url, users, events, gateway, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
