import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** docker-compose.yml read as data, with the lookups the deployment tests share. */
export const root = join(__dirname, '..', '..');
export const read = (path: string) => readFileSync(join(root, path), 'utf8');

export interface Healthcheck {
  test: string[] | string;
  interval?: string;
  timeout?: string;
  retries?: number;
}
export interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | null> | string[];
  env_file?: string | string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: Healthcheck;
  volumes?: string[];
  restart?: string;
}
export interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// `merge`: the file shares settings between services with YAML anchors and `<<` keys.
export const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;
export const services = compose.services;
export const names = Object.keys(services);

export const list = (value: string[] | string | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : value.split(/\s+/).filter(Boolean);
export const environmentOf = (service: Service): Record<string, string> => {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((entry) => [entry.split('=')[0] ?? '', entry.slice(entry.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
};
export const dependsOn = (service: Service): Record<string, string> => {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]));
};

// The MongoDB members: mongo images running mongod.
export const mongoMembers = names.filter((name) => {
  const service = services[name]!;
  return /^mongo:/.test(service.image ?? '') && list(service.command).includes('mongod');
});
// The one-shot initiation: a mongo image running mongosh.
export const initServices = names.filter((name) => /^mongo:/.test(services[name]!.image ?? '') && list(services[name]!.command).includes('mongosh'));
// The platform's own services: built from the Dockerfile.
export const appServices = names.filter((name) => services[name]!.build !== undefined);

/** users/events/gateway -> the source of the entry point its command runs. */
export const entryPointSource = (service: Service): string => {
  const script = list(service.command).find((arg) => arg.startsWith('dist/'));
  if (!script) throw new Error(`no dist/ entry point in ${JSON.stringify(service.command)}`);
  return script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
};
/** What the entry point asks loadConfig for, read from its source (e.g. { storage: true }). */
export const needsOf = (service: Service): { privateKey?: boolean; storage?: boolean } => {
  const source = read(entryPointSource(service));
  const call = /loadConfig\(process\.env(?:,\s*\{([^}]*)\})?\)/.exec(source);
  if (!call) throw new Error(`${entryPointSource(service)} does not call loadConfig(process.env, ...)`);
  const options = call[1] ?? '';
  return { privateKey: /privateKey:\s*true/.test(options), storage: /storage:\s*true/.test(options) };
};
export const byEntryPoint = (fragment: string): [string, Service] => {
  const name = appServices.find((candidate) => entryPointSource(services[candidate]!).startsWith(fragment));
  if (!name) throw new Error(`no service runs ${fragment}`);
  return [name, services[name]!];
};
export const [usersName, users] = byEntryPoint('subgraphs/users/');
export const [eventsName, events] = byEntryPoint('subgraphs/events/');
export const [gatewayName, gateway] = byEntryPoint('gateway/');

export const replSetOf = (service: Service): string | undefined => {
  const args = list(service.command);
  const index = args.indexOf('--replSet');
  return index >= 0 ? args[index + 1] : undefined;
};
