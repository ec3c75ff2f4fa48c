#!/usr/bin/env node
/**
 * `ops`: the operator command line for the reward platform. `runCli(argv, io)` is the whole
 * program (tests call it in-process); the last lines run it when this file is executed.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, basename, join, resolve } from 'node:path';
import { formatChallenge, formatRewards } from './format';
import {
  AdvanceTestClockDocument,
  AuditRewardClaimsDocument,
  CreateEventDocument,
  MeDocument,
  OperatorEventsDocument,
  SetRolesDocument,
  type AuditClaimFieldsFragment,
  type AuditRewardClaimsQuery,
  type ClaimFilter,
  type ClaimStatus,
  type EventStatus,
  type Role,
} from './generated/graphql';
import { GraphQLRequestError, PlatformClient, type SessionTokens } from './platform-client';
import { formatOptions, parseIsoDate, parseList, parseOptions, splitCommand, UsageError, type OptionSpec, type ParsedOptions } from './cli/args';
import { claimCsvHeader, claimCsvRecord } from './cli/csv';
import { InputFileError, readCreateEventInput } from './cli/event-file';
import { deleteSession, readSession, SessionFileError, sessionPath, writeSession, type StoredSession } from './cli/session';
import { formatTable } from './cli/table';
import { ledgerCommands } from './cli/ledger-commands';

export const DEFAULT_URL = 'http://localhost:4000/graphql';
export const DEFAULT_DEVICE_ID = 'ops-cli';
const PROGRAM = 'ops';

const ROLES: readonly Role[] = ['USER', 'OPERATOR', 'AUDITOR', 'ADMIN'];
const EVENT_STATUSES: readonly EventStatus[] = ['SCHEDULED', 'RUNNING', 'ENDED', 'INACTIVE'];
const CLAIM_STATUSES: readonly ClaimStatus[] = ['GRANTED', 'REJECTED', 'REVOKED'];
/** The API's largest page. */
const MAX_PAGE = 100;

/** Where the CLI talks to the world; tests pass collectors and their own environment. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Environment (OPS_URL, OPS_SESSION, OPS_PASSWORD); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** For ~/.reward-ops.json; default os.homedir(). */
  homedir?: string;
  /** Relative --file / --out paths resolve against this; default process.cwd(). */
  cwd?: string;
  fetch?: typeof fetch;
}

export const ExitCode = { OK: 0, FAILURE: 1, USAGE: 2 } as const;

class NotLoggedInError extends Error {}

const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'url',
    type: 'string',
    valueName: 'URL',
    description: `gateway GraphQL endpoint; default $OPS_URL, else the URL of the stored session, else ${DEFAULT_URL}`,
  },
  { name: 'session', type: 'string', valueName: 'FILE', description: 'session file; default $OPS_SESSION, else ~/.reward-ops.json' },
  { name: 'help', short: 'h', type: 'boolean', description: 'show help' },
];

const CLAIM_FILTER_OPTIONS: readonly OptionSpec[] = [
  { name: 'event', type: 'string', valueName: 'ID', description: 'only claims on this event' },
  { name: 'user', type: 'string', valueName: 'ID', description: 'only claims by this user' },
  { name: 'status', type: 'string', valueName: 'STATUS', choices: CLAIM_STATUSES, description: 'only claims with this status' },
  { name: 'after', type: 'string', valueName: 'ISO', description: 'only claims created after this instant (e.g. 2026-01-31T00:00:00Z)' },
  { name: 'before', type: 'string', valueName: 'ISO', description: 'only claims created before this instant' },
];

interface CommandContext {
  io: Required<Pick<CliIo, 'stdout' | 'stderr'>>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** --url or $OPS_URL; undefined lets the stored session's URL (or the default) apply. */
  explicitUrl: string | undefined;
  sessionFile: string;
  fetch: typeof fetch | undefined;
  /** Set once a command has opened the stored session, for error hints. */
  session: StoredSession | null;
}

interface Command {
  name: string;
  summary: string;
  options: readonly OptionSpec[];
  examples: readonly string[];
  run(context: CommandContext, options: ParsedOptions): Promise<void>;
}

const COMMANDS: readonly Command[] = [
  {
    name: 'login',
    summary: 'log in and keep the session (tokens) in the session file, mode 0600',
    options: [
      { name: 'username', type: 'string', valueName: 'U', required: true, description: 'user name' },
      { name: 'password', type: 'string', valueName: 'P', description: 'password; default $OPS_PASSWORD (keeps it out of the shell history)' },
      { name: 'device', type: 'string', valueName: 'ID', description: `device id of the session; default ${DEFAULT_DEVICE_ID}` },
    ],
    examples: [`${PROGRAM} login --username ops_olga --password 'correct horse battery'`],
    async run(context, options) {
      const username = options.requiredString('username');
      const password = options.string('password') ?? context.env['OPS_PASSWORD'];
      if (!password) throw new UsageError('Missing --password (or set OPS_PASSWORD).', 'login');
      const url = context.explicitUrl ?? DEFAULT_URL;
      const deviceId = options.string('device') ?? DEFAULT_DEVICE_ID;
      const client = new PlatformClient({ url, deviceId, ...(context.fetch ? { fetch: context.fetch } : {}) });
      const payload = await client.logIn({ username, password });
      const session: StoredSession = {
        version: 1,
        url,
        username: payload.user.username,
        userId: payload.user.id,
        roles: payload.user.roles,
        deviceId,
        accessToken: payload.accessToken,
        accessTokenExpiresAt: payload.accessTokenExpiresAt,
        refreshToken: payload.refreshToken,
        refreshTokenExpiresAt: payload.refreshTokenExpiresAt,
      };
      await writeSession(context.sessionFile, session);
      context.io.stdout(
        `Logged in as ${session.username} (${session.userId}) with roles ${session.roles.join(', ')} at ${url}.\n` +
          `Session saved to ${context.sessionFile}.\n`,
      );
    },
  },
  {
    name: 'logout',
    summary: "end the stored session on the server and delete the session file",
    options: [],
    examples: [`${PROGRAM} logout`],
    async run(context) {
      const { client, session } = await openSession(context);
      try {
        await client.logOut(session.deviceId);
      } catch (error) {
        if (!(error instanceof GraphQLRequestError && error.hasCode('UNAUTHENTICATED'))) throw error;
        // The session had already ended on the server; forgetting it locally is all that is left.
      }
      await deleteSession(context.sessionFile);
      context.io.stdout(`Logged out ${session.username}; removed ${context.sessionFile}.\n`);
    },
  },
  {
    name: 'whoami',
    summary: 'show who the stored session belongs to',
    options: [],
    examples: [`${PROGRAM} whoami`],
    async run(context) {
      const { client } = await openSession(context);
      const { me } = await client.execute(MeDocument);
      if (!me) throw new NotLoggedInError(`The session in ${context.sessionFile} is no longer signed in: run '${PROGRAM} login' again.`);
      context.io.stdout(`${me.username} (${me.id}) roles ${me.roles.join(', ')} at ${client.url}\n`);
    },
  },
  {
    name: 'create-event',
    summary: 'create an event from a JSON or YAML file holding a CreateEventInput',
    options: [
      { name: 'file', type: 'string', valueName: 'FILE', required: true, description: 'event.json, event.yaml or event.yml' },
      { name: 'json', type: 'boolean', description: 'print the created event as JSON' },
    ],
    examples: [
      `${PROGRAM} create-event --file spring-sale.yaml`,
      '',
      '  # spring-sale.yaml',
      '  title: Spring sale',
      '  startsAt: 2026-03-01T00:00:00Z',
      '  endsAt: 2026-03-08T00:00:00Z',
      '  claimLimit: 1000',
      '  challenges:',
      '    - loginStreak: { days: 3 }',
      '    - currency: { currency: COIN, comparison: AT_MOST, amount: 500 }',
      '  rewards:',
      '    - currency: { currency: CASH, amount: 100 }',
      '    - item: { itemId: sword, quantity: 1 }',
    ],
    async run(context, options) {
      const input = await readCreateEventInput(resolve(context.cwd, options.requiredString('file')));
      const { client } = await openSession(context);
      const { createEvent: event } = await client.execute(CreateEventDocument, { input });
      if (options.flag('json')) {
        context.io.stdout(`${JSON.stringify(event, null, 2)}\n`);
        return;
      }
      const lines = [
        `Created event ${event.id} "${event.title}" (${event.status}${event.isPublic ? '' : ', private'}${event.active ? '' : ', inactive'})`,
        `  runs      ${event.startsAt} → ${event.endsAt}`,
        `  claims    ${event.claimLimit === null ? 'unlimited' : `limit ${event.claimLimit}`}`,
        `  challenges ${event.challenges.length ? event.challenges.map(formatChallenge).join('; ') : 'none (open to all)'}`,
        `  rewards   ${formatRewards(event.rewards)}`,
      ];
      context.io.stdout(`${lines.join('\n')}\n`);
    },
  },
  {
    name: 'events',
    summary: 'list events (operators see private and inactive ones too)',
    options: [
      { name: 'status', type: 'string', valueName: 'STATUS', choices: EVENT_STATUSES, description: 'only events with this status' },
      { name: 'first', type: 'integer', valueName: 'N', min: 1, max: MAX_PAGE, description: 'how many; default 20' },
      { name: 'json', type: 'boolean', description: 'print JSON instead of a table' },
    ],
    examples: [`${PROGRAM} events --status RUNNING --first 50`],
    async run(context, options) {
      const { client } = await openSession(context);
      const status = options.string('status') as EventStatus | undefined;
      const { events } = await client.execute(OperatorEventsDocument, {
        ...(status ? { filter: { status } } : {}),
        first: options.integer('first') ?? 20,
      });
      const nodes = events.edges.map((edge) => edge.node);
      if (options.flag('json')) {
        context.io.stdout(`${JSON.stringify(nodes, null, 2)}\n`);
        return;
      }
      if (!nodes.length) {
        context.io.stdout('No events.\n');
        return;
      }
      const rows = nodes.map((event) => [
        event.id,
        event.title,
        event.status,
        event.startsAt,
        event.endsAt,
        event.isPublic ? 'yes' : 'no',
        event.claimLimit === null ? 'unlimited' : `${event.claimsRemaining ?? 0}/${event.claimLimit}`,
        formatRewards(event.rewards),
      ]);
      context.io.stdout(formatTable(['ID', 'TITLE', 'STATUS', 'STARTS', 'ENDS', 'PUBLIC', 'LEFT', 'REWARDS'], rows));
      if (events.pageInfo.hasNextPage) context.io.stdout(`(more events exist; raise --first, up to ${MAX_PAGE})\n`);
    },
  },
  {
    name: 'claims',
    summary: 'list reward claims, newest first (every attempt, granted or rejected)',
    options: [
      ...CLAIM_FILTER_OPTIONS,
      { name: 'first', type: 'integer', valueName: 'N', min: 1, max: MAX_PAGE, description: 'how many; default 20' },
      { name: 'json', type: 'boolean', description: 'print JSON instead of a table' },
    ],
    examples: [`${PROGRAM} claims --event 6650c0ffee --status GRANTED --after 2026-03-01T00:00:00Z --first 50`],
    async run(context, options) {
      const filter = claimFilterOf(options, 'claims');
      const { client } = await openSession(context);
      const { rewardClaims } = await client.execute(AuditRewardClaimsDocument, { filter, first: options.integer('first') ?? 20 });
      const claims = rewardClaims.edges.map((edge) => edge.node);
      if (options.flag('json')) {
        context.io.stdout(`${JSON.stringify({ totalCount: rewardClaims.totalCount, claims }, null, 2)}\n`);
        return;
      }
      if (!claims.length) {
        context.io.stdout('No claims match.\n');
        return;
      }
      const rows = claims.map((claim) => [
        claim.createdAt,
        claim.id,
        claim.event.title,
        claim.user.username,
        claim.status,
        claim.rejectionReason,
        claim.delivery,
        formatRewards(claim.rewards),
      ]);
      context.io.stdout(formatTable(['CREATED', 'ID', 'EVENT', 'USER', 'STATUS', 'REASON', 'DELIVERY', 'REWARDS'], rows));
      context.io.stdout(
        `${claims.length} of ${rewardClaims.totalCount} claim${rewardClaims.totalCount === 1 ? '' : 's'}` +
          `${rewardClaims.pageInfo.hasNextPage ? ` (use ${PROGRAM} export-claims for all of them)` : ''}.\n`,
      );
    },
  },
  {
    name: 'export-claims',
    summary: 'write every matching claim to a CSV file (RFC 4180, with a header row), paging through all of them',
    options: [
      { name: 'out', type: 'string', valueName: 'FILE', required: true, description: "CSV file to write ('-' for standard output)" },
      ...CLAIM_FILTER_OPTIONS,
    ],
    examples: [`${PROGRAM} export-claims --out march-claims.csv --after 2026-03-01 --before 2026-04-01`],
    async run(context, options) {
      const filter = claimFilterOf(options, 'export-claims');
      const out = options.requiredString('out');
      const { client } = await openSession(context);
      const pages = (async function* () {
        let after: string | null = null;
        for (;;) {
          const page: AuditRewardClaimsQuery = await client.execute(AuditRewardClaimsDocument, { filter, first: MAX_PAGE, after });
          const { rewardClaims } = page;
          yield rewardClaims.edges.map((edge) => edge.node);
          const next: string | null = rewardClaims.pageInfo.endCursor;
          if (!rewardClaims.pageInfo.hasNextPage) return;
          if (!next || next === after) throw new Error('The server reported more claims but gave no new cursor; stopping.');
          after = next;
        }
      })();
      if (out === '-') {
        const count = await writeClaimsCsv(pages, (text) => context.io.stdout(text));
        context.io.stderr(`Exported ${count} claim${count === 1 ? '' : 's'}.\n`);
        return;
      }
      const path = resolve(context.cwd, out);
      const count = await writeFileAtomically(path, (write) => writeClaimsCsv(pages, write));
      context.io.stdout(`Exported ${count} claim${count === 1 ? '' : 's'} to ${path}.\n`);
    },
  },
  {
    name: 'set-roles',
    summary: "replace a user's roles (ADMIN only); they apply from the user's next log-in or refresh",
    options: [
      { name: 'user', type: 'string', valueName: 'ID', required: true, description: 'user id' },
      { name: 'roles', type: 'string', valueName: 'R1,R2', required: true, description: `comma-separated, from ${ROLES.join(', ')}` },
    ],
    examples: [`${PROGRAM} set-roles --user 6650c0ffee --roles OPERATOR,USER`],
    async run(context, options) {
      const userId = options.requiredString('user');
      const roles = [...new Set(parseList(options.requiredString('roles')).map((role) => role.toUpperCase()))];
      const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
      if (unknown.length) throw new UsageError(`Unknown role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; roles are ${ROLES.join(', ')}.`, 'set-roles');
      if (!roles.length) throw new UsageError('--roles needs at least one role.', 'set-roles');
      const { client } = await openSession(context);
      const { setRoles: user } = await client.execute(SetRolesDocument, { userId, roles: roles as Role[] });
      context.io.stdout(`${user.username} (${user.id}) now has roles ${user.roles.join(', ')}.\n`);
    },
  },
  {
    name: 'advance-clock',
    summary: "move the platform's test clock forward (ADMIN; staging with TEST_CLOCK=enabled only)",
    options: [
      { name: 'days', type: 'integer', valueName: 'N', min: 1, max: 366, description: 'whole days' },
      { name: 'seconds', type: 'integer', valueName: 'N', min: 1, max: 366 * 86_400, description: 'seconds (instead of --days)' },
    ],
    examples: [`${PROGRAM} advance-clock --days 1`],
    async run(context, options) {
      const days = options.integer('days');
      const seconds = options.integer('seconds');
      if ((days === undefined) === (seconds === undefined)) throw new UsageError('Give exactly one of --days or --seconds.', 'advance-clock');
      const { client } = await openSession(context);
      const { advanceTestClock: now } = await client.execute(AdvanceTestClockDocument, { seconds: seconds ?? (days ?? 0) * 86_400 });
      context.io.stdout(`The platform's clock now reads ${now}.\n`);
    },
  },
  ...ledgerCommands<CommandContext>({ program: PROGRAM, maxPage: MAX_PAGE, openSession, stdout: (context) => context.io.stdout }),
];

/** Runs the CLI; returns the exit code (0 success, 1 failure, 2 usage error). Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const out = { stdout: io.stdout, stderr: io.stderr };
  let commandName: string | undefined;
  try {
    const { command: name, args } = splitCommand(argv, GLOBAL_OPTIONS);
    commandName = name;
    const wantsHelp = args.some((arg) => arg === '--help' || arg === '-h');
    if (name === undefined || name === 'help') {
      const topic = name === 'help' ? args.find((arg) => !arg.startsWith('-')) : undefined;
      if (topic !== undefined) {
        const command = findCommand(topic);
        out.stdout(commandHelp(command));
        return ExitCode.OK;
      }
      if (name === 'help' || wantsHelp) {
        out.stdout(generalHelp());
        return ExitCode.OK;
      }
      out.stderr(generalHelp());
      return ExitCode.USAGE;
    }
    const command = findCommand(name);
    if (wantsHelp) {
      out.stdout(commandHelp(command));
      return ExitCode.OK;
    }
    const options = parseOptions(args, [...GLOBAL_OPTIONS, ...command.options], command.name);
    const env = io.env ?? process.env;
    const context: CommandContext = {
      io: out,
      env,
      cwd: io.cwd ?? process.cwd(),
      explicitUrl: options.string('url') ?? (env['OPS_URL'] || undefined),
      sessionFile: sessionPath(options.string('session'), env, io.homedir ?? homedir()),
      fetch: io.fetch,
      session: null,
    };
    try {
      await command.run(context, options);
      return ExitCode.OK;
    } catch (error) {
      return reportFailure(error, context, out);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      const helpFor = error.command ?? (commandName && COMMANDS.some((c) => c.name === commandName) ? commandName : undefined);
      out.stderr(`error: ${error.message}\nRun '${PROGRAM} ${helpFor ? `${helpFor} ` : ''}--help' for usage.\n`);
      return ExitCode.USAGE;
    }
    out.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.FAILURE;
  }
}

function reportFailure(error: unknown, context: CommandContext, out: CommandContext['io']): number {
  if (error instanceof UsageError) throw error;
  if (error instanceof GraphQLRequestError) {
    const field = error.extension('field');
    out.stderr(`error: ${error.message} (${error.code}${typeof field === 'string' ? `, field ${field}` : ''})\n`);
    const hint = hintFor(error, context);
    if (hint) out.stderr(`hint: ${hint}\n`);
    return ExitCode.FAILURE;
  }
  if (error instanceof InputFileError || error instanceof SessionFileError || error instanceof NotLoggedInError) {
    out.stderr(`error: ${error.message}\n`);
    return ExitCode.FAILURE;
  }
  out.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return ExitCode.FAILURE;
}

function hintFor(error: GraphQLRequestError, context: CommandContext): string | null {
  if (error.code === 'NETWORK_ERROR') return 'Is the platform running? Set the gateway with --url or OPS_URL.';
  if (error.code === 'UNAUTHENTICATED' && context.session) {
    return `The stored session of ${context.session.username} has expired or was revoked: run '${PROGRAM} login' again.`;
  }
  if (error.code === 'FORBIDDEN' && context.session) {
    return `Signed in as ${context.session.username} with roles ${context.session.roles.join(', ')}; this needs another role.`;
  }
  return null;
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    throw new UsageError(`Unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
  }
  return command;
}

/** Reads the stored session into a client that writes rotated tokens back to the file. */
async function openSession(context: CommandContext): Promise<{ client: PlatformClient; session: StoredSession }> {
  const stored = await readSession(context.sessionFile);
  if (!stored) {
    throw new NotLoggedInError(
      `Not logged in: run '${PROGRAM} login --username U --password P' first (no session in ${context.sessionFile}).`,
    );
  }
  let session = stored;
  context.session = session;
  const client = new PlatformClient({
    url: context.explicitUrl ?? session.url ?? DEFAULT_URL,
    deviceId: session.deviceId,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    ...(context.fetch ? { fetch: context.fetch } : {}),
    // Refresh tokens are single use: the rotated one must reach the file, or the next run
    // would present a spent token and the server would revoke the session.
    onTokens: async (tokens: SessionTokens | null) => {
      if (!tokens) return;
      session = {
        ...session,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        ...(tokens.accessTokenExpiresAt ? { accessTokenExpiresAt: tokens.accessTokenExpiresAt } : {}),
        ...(tokens.refreshTokenExpiresAt ? { refreshTokenExpiresAt: tokens.refreshTokenExpiresAt } : {}),
      };
      context.session = session;
      await writeSession(context.sessionFile, session);
    },
  });
  return { client, session };
}

function claimFilterOf(options: ParsedOptions, command: string): ClaimFilter {
  const after = options.string('after');
  const before = options.string('before');
  const filter: ClaimFilter = {};
  const eventId = options.string('event');
  const userId = options.string('user');
  const status = options.string('status') as ClaimStatus | undefined;
  if (eventId) filter.eventId = eventId;
  if (userId) filter.userId = userId;
  if (status) filter.status = status;
  if (after) filter.createdAfter = parseIsoDate(after, 'after', command);
  if (before) filter.createdBefore = parseIsoDate(before, 'before', command);
  if (filter.createdAfter && filter.createdBefore && filter.createdAfter >= filter.createdBefore) {
    throw new UsageError('--after must be earlier than --before.', command);
  }
  return filter;
}

/** Writes the header and one record per claim; returns how many claims were written. */
export async function writeClaimsCsv(
  pages: AsyncIterable<readonly AuditClaimFieldsFragment[]>,
  write: (text: string) => void | Promise<void>,
): Promise<number> {
  await write(claimCsvHeader());
  const seen = new Set<string>();
  for await (const claims of pages) {
    let chunk = '';
    for (const claim of claims) {
      if (seen.has(claim.id)) continue; // a claim never appears twice, even if pages shift
      seen.add(claim.id);
      chunk += claimCsvRecord(claim);
    }
    if (chunk) await write(chunk);
  }
  return seen.size;
}

/** Streams into a temporary file beside `path` and renames it into place only on success. */
async function writeFileAtomically<T>(path: string, produce: (write: (text: string) => Promise<void>) => Promise<T>): Promise<T> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, 'w');
  } catch (error) {
    throw new InputFileError(`Cannot write ${path}: ${(error as Error).message}`);
  }
  try {
    const file = handle;
    const result = await produce(async (text) => {
      await file.write(text);
    });
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
    return result;
  } catch (error) {
    await handle?.close();
    await rm(temporary, { force: true });
    throw error;
  }
}

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    `Usage: ${PROGRAM} [--url URL] [--session FILE] <command> [options]`,
    `       (from the repository: npm run ops -- <command> [options])`,
    '',
    'Operator tool for the reward platform.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}   ${command.summary}`),
    '',
    'Global options:',
    formatOptions(GLOBAL_OPTIONS),
    '',
    `Run '${PROGRAM} <command> --help' for a command's options and an example.`,
    'Exit status: 0 success, 1 failure (the server error and its code are printed), 2 usage error.',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    `Usage: ${PROGRAM} ${command.name}${command.options.length ? ' [options]' : ''}`,
    '',
    `${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.`,
    '',
    ...(command.options.length ? ['Options:', formatOptions(command.options), ''] : []),
    'Global options:',
    formatOptions(GLOBAL_OPTIONS),
    '',
    'Example:',
    ...command.examples.map((line) => (line.startsWith('  ') || line === '' ? line : `  ${line}`)),
    '',
  ].join('\n');
}

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
