import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, createLogger, loadConfig, printMemoryStoreBanner, startEmbeddedMongo, type EmbeddedMongo } from '@platform/shared';
import { devKeyPair } from './dev-keys';
import { startCluster } from './cluster';
import { startPlatform } from './platform';

const DEV_ADMIN = { username: 'admin', password: 'admin-dev-password' };

/**
 * `npm start`: the whole platform in one process, with development defaults.
 * `--cluster` (`npm run start:cluster`): each service in its own process instead.
 */
async function main() {
  const cluster = process.argv.includes('--cluster');
  const logger = createLogger('platform');
  const env = { ...process.env };
  const production = env['NODE_ENV'] === 'production';
  const notes: string[] = [];

  if (!production && !env['JWT_PUBLIC_KEY'] && !env['JWT_PRIVATE_KEY']) {
    const keys = devKeyPair(join(process.cwd(), '.dev-keys'));
    env['JWT_PUBLIC_KEY'] = keys.publicKey;
    env['JWT_PRIVATE_KEY'] = keys.privateKey;
    notes.push('JWT keys: development pair in .dev-keys/');
  }
  if (!production && !env['ADMIN_USERNAME'] && !env['ADMIN_PASSWORD']) {
    env['ADMIN_USERNAME'] = DEV_ADMIN.username;
    env['ADMIN_PASSWORD'] = DEV_ADMIN.password;
    notes.push(`first ADMIN (only if none exists): ${DEV_ADMIN.username} / ${DEV_ADMIN.password}`);
  }

  let embedded: EmbeddedMongo | null = null;
  if (!production && !env['MONGODB_URI']) {
    embedded = await startEmbeddedMongo(logger);
    if (embedded) env['MONGODB_URI'] = embedded.uri;
    else printMemoryStoreBanner();
  }

  const config = loadConfig(env, { privateKey: true, storage: true });
  let running: { stop(): Promise<void> } | undefined;
  const onChildExit = (name: string, code: number | null) => {
    process.stderr.write(`${name} exited unexpectedly (code ${code}); stopping the platform\n`);
    void (async () => {
      await running?.stop();
      await embedded?.stop();
      process.exit(1);
    })();
  };
  const platform = await (cluster ? startCluster(env, config.ports, { onExit: onChildExit }) : startPlatform(config)).catch(async (error: unknown) => {
    await embedded?.stop();
    throw error;
  });
  running = platform;

  process.stdout.write(
    `\nEvent & reward platform is running\n  GraphQL API: ${platform.url}\n  Health:      ${new URL('/health', platform.url)}\n` +
      `  Subgraphs:   users ${platform.users.url}, events ${platform.events.url}\n` +
      (config.dashboardEnabled ? `  Dashboard:   ${new URL('/dashboard', platform.url)}\n` : '') +
      `  Processes:   ${cluster ? 'one per service (users, events, gateway)' : 'all services in this process'}\n` +
      `  Store:       ${config.mongoUri ? (embedded ? 'embedded MongoDB replica set' : 'MongoDB (MONGODB_URI)') : 'in-memory (data is lost on exit)'}\n` +
      notes.map((note) => `  ${note}\n`).join('') +
      `Press Ctrl-C to stop.\n`,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: shutting down...\n`);
    void (async () => {
      await platform.stop();
      await embedded?.stop();
      process.exit(0);
    })();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `Failed to start: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
