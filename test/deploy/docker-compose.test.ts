/**
 * The container deployment, checked without a Docker engine: docker-compose.yml, the
 * Dockerfile, .env.example and .dockerignore, read as data. What a reviewer would
 * otherwise verify by eye: the replica set is complete and initiated, every long-running
 * service has a health check, the start order follows health, and a .env made from
 * .env.example by its own recipe gives every service a valid production configuration.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, read, compose, services, names, list, environmentOf, dependsOn, mongoMembers, initServices, appServices, entryPointSource, usersName, users, eventsName, events, gatewayName, gateway, replSetOf } from './compose-file';

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
