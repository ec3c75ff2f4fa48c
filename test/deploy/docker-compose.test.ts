/**
 * The container deployment, checked without a Docker engine: docker-compose.yml, the
 * Dockerfile, .env.example and .dockerignore, read as data. What a reviewer would
 * otherwise verify by eye: the replica set is complete and initiated, every long-running
 * service has a health check, the start order follows health, and a .env made from
 * .env.example by its own recipe gives every service a valid production configuration.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '@platform/shared';
import { testKeys } from '../support/keys';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Healthcheck {
  test: string[] | string;
  interval?: string;
  timeout?: string;
  retries?: number;
}
interface Service {
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
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// `merge`: the file shares settings between services with YAML anchors and `<<` keys.
const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;
const services = compose.services;
const names = Object.keys(services);

const list = (value: string[] | string | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : value.split(/\s+/).filter(Boolean);
const environmentOf = (service: Service): Record<string, string> => {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((entry) => [entry.split('=')[0] ?? '', entry.slice(entry.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
};
const dependsOn = (service: Service): Record<string, string> => {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]));
};

// The MongoDB members: mongo images running mongod.
const mongoMembers = names.filter((name) => {
  const service = services[name]!;
  return /^mongo:/.test(service.image ?? '') && list(service.command).includes('mongod');
});
// The one-shot initiation: a mongo image running mongosh.
const initServices = names.filter((name) => /^mongo:/.test(services[name]!.image ?? '') && list(services[name]!.command).includes('mongosh'));
// The platform's own services: built from the Dockerfile.
const appServices = names.filter((name) => services[name]!.build !== undefined);

/** users/events/gateway -> the source of the entry point its command runs. */
const entryPointSource = (service: Service): string => {
  const script = list(service.command).find((arg) => arg.startsWith('dist/'));
  if (!script) throw new Error(`no dist/ entry point in ${JSON.stringify(service.command)}`);
  return script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
};
/** What the entry point asks loadConfig for, read from its source (e.g. { storage: true }). */
const needsOf = (service: Service): { privateKey?: boolean; storage?: boolean } => {
  const source = read(entryPointSource(service));
  const call = /loadConfig\(process\.env(?:,\s*\{([^}]*)\})?\)/.exec(source);
  if (!call) throw new Error(`${entryPointSource(service)} does not call loadConfig(process.env, ...)`);
  const options = call[1] ?? '';
  return { privateKey: /privateKey:\s*true/.test(options), storage: /storage:\s*true/.test(options) };
};
const byEntryPoint = (fragment: string): [string, Service] => {
  const name = appServices.find((candidate) => entryPointSource(services[candidate]!).startsWith(fragment));
  if (!name) throw new Error(`no service runs ${fragment}`);
  return [name, services[name]!];
};
const [usersName, users] = byEntryPoint('subgraphs/users/');
const [eventsName, events] = byEntryPoint('subgraphs/events/');
const [gatewayName, gateway] = byEntryPoint('gateway/');

const replSetOf = (service: Service): string | undefined => {
  const args = list(service.command);
  const index = args.indexOf('--replSet');
  return index >= 0 ? args[index + 1] : undefined;
};

describe('docker-compose.yml: the MongoDB replica set', () => {
  test('three mongod members, one replica set, listening on every interface', () => {
    expect(mongoMembers).toHaveLength(3);
    const sets = mongoMembers.map((name) => replSetOf(services[name]!));
    expect(sets.every((set) => set === 'rs0')).toBe(true);
    for (const name of mongoMembers) expect(list(services[name]!.command)).toContain('--bind_ip_all');
  });

  test('each member keeps its data in its own named volume (removed by `down -v`)', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const dataVolumes = mongoMembers.map((name) => {
      const mount = (services[name]!.volumes ?? []).find((volume) => volume.split(':')[1] === '/data/db');
      expect(mount).toBeDefined();
      return mount!.split(':')[0]!;
    });
    expect(new Set(dataVolumes).size).toBe(3);
    for (const volume of dataVolumes) expect(declared).toContain(volume);
  });

  test('a one-shot step initiates the set with all three members, after they are healthy', () => {
    expect(initServices).toHaveLength(1);
    const init = services[initServices[0]!]!;
    expect(init.restart).toBe('no');
    const env = environmentOf(init);
    expect(env['REPLICA_SET_NAME']).toBe('rs0');
    const members = (env['REPLICA_SET_MEMBERS'] ?? '').split(',');
    expect(members.sort()).toEqual(mongoMembers.map((name) => `${name}:27017`).sort());
    const deps = dependsOn(init);
    for (const name of mongoMembers) expect(deps[name]).toBe('service_healthy');

    // The script it runs is the repository's, mounted read-only, and uses those variables.
    const args = list(init.command);
    const scriptInContainer = args[args.indexOf('--file') + 1];
    const mount = (init.volumes ?? []).find((volume) => volume.split(':')[1] === scriptInContainer);
    expect(mount).toBeDefined();
    expect(mount!.endsWith(':ro')).toBe(true);
    const script = read(mount!.split(':')[0]!.replace(/^\.\//, ''));
    expect(script).toMatch(/process\.env\.REPLICA_SET_MEMBERS/);
    expect(script).toMatch(/rs\.initiate\(/);
    // Idempotent: only a set that was never initiated is initiated.
    expect(script).toMatch(/NotYetInitialized/);
    expect(script).toMatch(/PRIMARY/);
  });
});

describe('docker-compose.yml: health checks and start order', () => {
  test('every long-running service has a health check using a tool its image has', () => {
    const longRunning = names.filter((name) => !initServices.includes(name));
    expect(longRunning.sort()).toEqual([...mongoMembers, ...appServices].sort());
    for (const name of longRunning) {
      const check = services[name]!.healthcheck;
      expect(check).toBeDefined();
      const testArgs = list(check!.test);
      expect(testArgs[0]).toBe('CMD');
      // mongosh ships in the mongo image, node in ours.
      expect(testArgs[1]).toBe(mongoMembers.includes(name) ? 'mongosh' : 'node');
      expect(check!.retries).toBeGreaterThan(0);
    }
  });

  test('each app health check probes GET /health on the port that service listens on', () => {
    expect(existsSync(join(root, 'docker/healthcheck.js'))).toBe(true);
    const ports: Record<string, string | undefined> = {
      [usersName]: environmentOf(users)['USERS_PORT'] ?? '4001',
      [eventsName]: environmentOf(events)['EVENTS_PORT'] ?? '4002',
      [gatewayName]: environmentOf(gateway)['PORT'] ?? '4000',
    };
    for (const name of appServices) {
      const probe = list(services[name]!.healthcheck!.test).find((arg) => arg.startsWith('http://'));
      expect(probe).toBe(`http://127.0.0.1:${ports[name]}/health`);
    }
  });

  test('users and events start once the replica set is initiated and healthy', () => {
    for (const service of [users, events]) {
      const deps = dependsOn(service);
      expect(deps[initServices[0]!]).toBe('service_completed_successfully');
      for (const name of mongoMembers) expect(deps[name]).toBe('service_healthy');
    }
  });

  test('the gateway starts once both subgraphs are healthy, and publishes 4000', () => {
    const deps = dependsOn(gateway);
    expect(deps[usersName]).toBe('service_healthy');
    expect(deps[eventsName]).toBe('service_healthy');
    expect(gateway.ports).toContain('${PORT:-4000}:4000');
    expect(environmentOf(gateway)['PORT']).toBe('4000');
    // Nothing else is reachable from the host.
    for (const name of names.filter((candidate) => candidate !== gatewayName)) expect(services[name]!.ports).toBeUndefined();
  });
});

describe('docker-compose.yml: the app services', () => {
  test('one image, the entry point chosen per service, each one existing in the sources', () => {
    expect(appServices.sort()).toEqual([usersName, eventsName, gatewayName].sort());
    expect(new Set(appServices.map((name) => services[name]!.image)).size).toBe(1);
    for (const name of appServices) expect(existsSync(join(root, entryPointSource(services[name]!)))).toBe(true);
  });

  test('production mode, listening on all interfaces, secrets from .env', () => {
    for (const name of appServices) {
      const service = services[name]!;
      expect(list(service.env_file)).toContain('.env');
      expect(environmentOf(service)['NODE_ENV']).toBe('production');
      expect(environmentOf(service)['HOST']).toBe('0.0.0.0');
    }
  });

  test('users and events get a MONGODB_URI naming the replica set and all three members', () => {
    for (const service of [users, events]) {
      const uri = environmentOf(service)['MONGODB_URI'] ?? '';
      const match = /^mongodb:\/\/([^/]+)\/\?(.*)$/.exec(uri);
      expect(match).not.toBeNull();
      expect(match![1]!.split(',').sort()).toEqual(mongoMembers.map((name) => `${name}:27017`).sort());
      expect(new URLSearchParams(match![2]).get('replicaSet')).toBe(replSetOf(services[mongoMembers[0]!]!));
    }
  });

  test('the services find each other by service name', () => {
    expect(environmentOf(events)['USERS_URL']).toBe(`http://${usersName}:${environmentOf(users)['USERS_PORT']}/graphql`);
    expect(environmentOf(gateway)['USERS_URL']).toBe(`http://${usersName}:${environmentOf(users)['USERS_PORT']}/graphql`);
    expect(environmentOf(gateway)['EVENTS_URL']).toBe(`http://${eventsName}:${environmentOf(events)['EVENTS_PORT']}/graphql`);
  });

  test('the JWT private key and the admin password reach the users service only', () => {
    for (const service of [events, gateway]) {
      for (const secret of ['JWT_PRIVATE_KEY', 'ADMIN_USERNAME', 'ADMIN_PASSWORD']) expect(environmentOf(service)[secret]).toBe('');
    }
    expect(environmentOf(users)).not.toHaveProperty('JWT_PRIVATE_KEY');
  });

  test('no secret is written into the compose file itself', () => {
    const text = read('docker-compose.yml');
    expect(text).not.toMatch(/BEGIN [A-Z ]*KEY/);
    expect(text).not.toMatch(/^\s*SERVICE_SECRET:/m);
  });
});

// ------------------------------------------------------------------------------------
// .env.example against what the services read
// ------------------------------------------------------------------------------------

const configSource = read('subgraphs/shared/src/config.ts');
const variablesRead = [...CONFIG_VARIABLES];
const pemVariables = [...configSource.matchAll(/([A-Z0-9_]+): pemVar\(\)/g)].map((match) => match[1]!);
const requiredVariables = [...new Set([...configSource.matchAll(/([A-Z][A-Z0-9_]+) is required/g)].map((match) => match[1]!))];

const envExample = read('.env.example');
/** KEY=value lines, as compose reads an env file (unquoted values are taken literally). */
const assignments = Object.fromEntries(
  envExample
    .split('\n')
    .map((line) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1]!, match[2]!]),
);
/** The container's environment: env_file first, the service's `environment` on top. */
const containerEnv = (service: Service, envFile: Record<string, string>) => ({ ...envFile, ...environmentOf(service) });
const problemsOf = (env: Record<string, string>, needs: { privateKey?: boolean; storage?: boolean }): string[] => {
  try {
    loadConfig(env, needs);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};
/** A PEM on one line, the way the recipe in .env.example writes it. */
const oneLine = (pem: string) => pem.replace(/\n/g, '\\n');

describe('.env.example', () => {
  test('names every variable the configuration reads, each with a comment', () => {
    expect(variablesRead.length).toBeGreaterThan(10);
    for (const name of variablesRead) {
      expect(envExample).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    }
    expect(envExample).toMatch(/^# /m);
  });

  test('every variable required in production is in it, or set for each service by the compose file', () => {
    expect(requiredVariables.sort()).toEqual(['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY', 'MONGODB_URI', 'SERVICE_SECRET']);
    for (const name of requiredVariables) {
      const everyStorageServiceSetsIt = [users, events].every((service) => environmentOf(service)[name]);
      expect(name in assignments || everyStorageServiceSetsIt).toBe(true);
    }
  });

  test('holds placeholders, not usable secrets: an unedited copy is refused at start-up', () => {
    for (const name of pemVariables) expect(assignments[name]).toMatch(/REPLACE/);
    expect(assignments['SERVICE_SECRET']).toMatch(/REPLACE/);
    expect(assignments['ADMIN_PASSWORD']).toMatch(/REPLACE/);
    const problems = problemsOf(containerEnv(users, assignments), needsOf(users));
    expect(problems.join('\n')).toMatch(/JWT_PUBLIC_KEY/);
  });

  test('documents the openssl commands that generate an ES256 pair and write it on one line', () => {
    expect(envExample).toMatch(/openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out jwt-private\.pem/);
    expect(envExample).toMatch(/openssl pkey -in jwt-private\.pem -pubout -out jwt-public\.pem/);
    expect(envExample).toMatch(/JWT_PRIVATE_KEY=%s.*jwt-private\.pem/);
    expect(envExample).toMatch(/JWT_PUBLIC_KEY=%s.*jwt-public\.pem/);
    expect(envExample).toMatch(/SERVICE_SECRET=%s.*openssl rand -hex 32/);
  });

  test('once filled in as it explains, every service starts with a valid production configuration', () => {
    const keys = testKeys();
    const envFile = {
      ...assignments,
      JWT_PRIVATE_KEY: oneLine(keys.privateKey),
      JWT_PUBLIC_KEY: oneLine(keys.publicKey),
      SERVICE_SECRET: 'f'.repeat(64),
      ADMIN_PASSWORD: 'a-generated-password',
    };
    for (const service of [users, events, gateway]) {
      expect(problemsOf(containerEnv(service, envFile), needsOf(service))).toEqual([]);
    }
    const usersConfig = loadConfig(containerEnv(users, envFile), needsOf(users));
    expect(usersConfig).toMatchObject({ nodeEnv: 'production', host: '0.0.0.0', ports: { users: 4001 }, jwt: { algorithm: 'ES256' } });
    expect(usersConfig.bootstrapAdmin).toEqual({ username: 'admin', password: 'a-generated-password' });
    expect(usersConfig.mongoUri).toMatch(/replicaSet=rs0/);
    const gatewayConfig = loadConfig(containerEnv(gateway, envFile), needsOf(gateway));
    expect(gatewayConfig.ports.gateway).toBe(4000);
    expect(gatewayConfig.jwt.privateKey).toBeNull();
    expect(gatewayConfig.bootstrapAdmin).toBeNull();
    // Even when .env moves the published port, the gateway keeps listening on 4000 inside.
    expect(loadConfig(containerEnv(gateway, { ...envFile, PORT: '8080' })).ports.gateway).toBe(4000);
  });
});

// ------------------------------------------------------------------------------------
// Dockerfile and .dockerignore
// ------------------------------------------------------------------------------------

const dockerfile = read('Dockerfile');
/** Instructions with continuation lines joined and comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages: string[][] = [];
for (const line of instructions) {
  if (/^FROM\s/i.test(line)) stages.push([line]);
  else stages[stages.length - 1]?.push(line);
}
const buildStage = stages[0] ?? [];
const runtimeStage = stages[stages.length - 1] ?? [];
const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;

describe('Dockerfile', () => {
  test('multi-stage on Node 24 (the current LTS): the build stage installs everything and compiles', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/node:24-(bookworm-slim|alpine)/);
    expect(buildStage[0]).toMatch(/ AS build$/i);
    expect(buildStage.some((line) => /^RUN npm ci(?!.*--omit)/.test(line))).toBe(true);
    expect(buildStage.some((line) => /^RUN npm run build/.test(line))).toBe(true);
  });

  test('the runtime stage installs production dependencies only, with every workspace manifest', () => {
    expect(runtimeStage.some((line) => /^RUN npm ci .*--omit=dev/.test(line))).toBe(true);
    expect(runtimeStage.some((line) => /^COPY package\.json package-lock\.json/.test(line))).toBe(true);
    for (const workspace of workspaces) {
      expect(runtimeStage).toContain(`COPY ${workspace}/package.json ${workspace}/`);
      expect(buildStage).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    }
    // No sources and no dev tooling: compiled output and the supergraph only.
    expect(runtimeStage).toContain('COPY --from=build /app/dist ./dist');
    expect(runtimeStage).toContain('COPY --from=build /app/subgraphs/shared/dist ./subgraphs/shared/dist');
    expect(runtimeStage).toContain('COPY --from=build /app/schema ./schema');
    expect(runtimeStage.some((line) => /^COPY (?!--from)(subgraphs|gateway|scripts) /.test(line))).toBe(false);
  });

  test('runs as the unprivileged node user in production mode', () => {
    const userLines = runtimeStage.filter((line) => /^USER\s/.test(line));
    expect(userLines.at(-1)).toBe('USER node');
    expect(runtimeStage.join('\n')).toMatch(/^ENV NODE_ENV=production/m);
    // The last USER comes after every RUN: nothing runs as root after the switch.
    const lastUser = runtimeStage.lastIndexOf(userLines.at(-1)!);
    expect(runtimeStage.slice(lastUser).some((line) => /^RUN\s/.test(line))).toBe(false);
  });

  test('the files compose runs are in the image', () => {
    expect(runtimeStage).toContain('COPY docker/healthcheck.js ./docker/healthcheck.js');
    for (const name of appServices) expect(list(services[name]!.command)[0]).toBe('node');
  });
});

describe('.dockerignore', () => {
  test('keeps secrets, dependencies and build output out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    for (const entry of ['node_modules', 'dist', '.git', '.dev-keys', '.env', 'coverage']) expect(ignored).toContain(entry);
  });
});
