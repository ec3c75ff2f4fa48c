import 'reflect-metadata';
import { loadConfig, newId, Role, type PlatformConfig } from '@platform/shared';
import { createUsersApp, type UsersApp } from '../subgraphs/users/src/server';
import { legacyScryptHash, PasswordHasher } from '../subgraphs/users/src/services/password';
import { createMemoryUsersStores } from '../subgraphs/users/src/store/memory';
import type { UserStore } from '../subgraphs/users/src/store/ports';
import { benchKeys } from './support/keys';

/**
 * Log-ins per second before (scrypt N=2^14, r=8, p=1, the first release) and after
 * (Argon2id m=19 MiB, t=2, p=1) through the users subgraph's real schema, in one run with
 * interleaved rounds, sequential and in parallel. Both hash off the event loop (libuv's
 * thread pool, UV_THREADPOOL_SIZE, default 4). Memory stores, so the hash dominates.
 *
 *   npm run build && node dist/bench/login.bench.js     (BENCH_LOGINS, BENCH_ROUNDS, BENCH_PARALLEL)
 */
process.env['LOG_LEVEL'] ??= 'error';
const LOGINS = Number(process.env['BENCH_LOGINS'] ?? 40);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const PARALLEL = Number(process.env['BENCH_PARALLEL'] ?? 8);
const PASSWORD = 'correct horse battery';
const LOGIN = `mutation($input: CredentialsInput!) { logIn(input: $input) { accessToken } }`;

const keys = benchKeys();
const config: PlatformConfig = loadConfig({ NODE_ENV: 'test', JWT_PUBLIC_KEY: keys.publicKey, JWT_PRIVATE_KEY: keys.privateKey }, { privateKey: true });

/** "Before" keeps its scrypt hashes: the upgrade at log-in is switched off for it. */
function withoutHashUpgrade(users: UserStore): UserStore {
  return new Proxy(users, {
    get: (target, property) => (property === 'replacePasswordHash' ? async () => false : (Reflect.get(target, property) as (...args: unknown[]) => unknown).bind(target)),
  });
}

interface Subject {
  label: string;
  app: UsersApp;
  usernames: string[];
}

async function subject(label: string, storedHash: () => Promise<string>, upgrade: boolean): Promise<Subject> {
  const stores = createMemoryUsersStores();
  const app = await createUsersApp(config, upgrade ? stores : { ...stores, users: withoutHashUpgrade(stores.users) });
  await app.apollo.start();
  const usernames = Array.from({ length: PARALLEL }, (_, i) => `bench_${label.split(' ')[0]}_${i}`);
  for (const username of usernames) {
    await stores.users.create({ id: newId(), username, passwordHash: await storedHash(), roles: [Role.USER], createdAt: new Date(), bannedUntil: null });
  }
  return { label, app, usernames };
}

async function logIn(target: Subject, username: string): Promise<void> {
  const response = await target.app.apollo.executeOperation({ query: LOGIN, variables: { input: { username, password: PASSWORD } } }, { contextValue: target.app.contextFor({}) });
  if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(`log-in failed: ${JSON.stringify(response.body)}`);
}

/** Milliseconds for LOGINS log-ins, `concurrency` at a time. */
async function timed(target: Subject, concurrency: number): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < LOGINS) {
        next++;
        await logIn(target, target.usernames[worker % target.usernames.length]!);
      }
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main() {
  const argon2id = new PasswordHasher(config.abuse.passwordHashing);
  const before = await subject('scrypt N=2^14 r=8 p=1 (before)', () => legacyScryptHash(PASSWORD), false);
  const after = await subject('argon2id m=19MiB t=2 p=1 (after)', () => argon2id.hash(PASSWORD), true);
  const modes = [
    { name: 'sequential', concurrency: 1 },
    { name: `${PARALLEL} in parallel`, concurrency: PARALLEL },
  ];
  const totals = new Map<string, number>();
  for (const target of [before, after]) for (const mode of modes) await timed(target, mode.concurrency); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of modes) {
      // Alternate which goes first, so drift on a shared machine hits both alike.
      for (const target of round % 2 === 0 ? [before, after] : [after, before]) {
        const key = `${target.label}|${mode.name}`;
        totals.set(key, (totals.get(key) ?? 0) + (await timed(target, mode.concurrency)));
      }
    }
  }
  const perSecond = (target: Subject, mode: string) => (LOGINS * ROUNDS * 1000) / totals.get(`${target.label}|${mode}`)!;
  process.stdout.write(`log-ins per second, ${ROUNDS} interleaved rounds of ${LOGINS} (node ${process.version}, UV_THREADPOOL_SIZE=${process.env['UV_THREADPOOL_SIZE'] ?? 4})\n`);
  for (const mode of modes) {
    const [b, a] = [perSecond(before, mode.name), perSecond(after, mode.name)];
    process.stdout.write(`  ${mode.name.padEnd(14)} ${before.label}: ${b.toFixed(1).padStart(6)}/s   ${after.label}: ${a.toFixed(1).padStart(6)}/s   after/before ${(a / b).toFixed(2)}\n`);
  }
  await Promise.all([before.app.apollo.stop(), after.app.apollo.stop()]);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
