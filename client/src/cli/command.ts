import type { OptionSpec, ParsedOptions } from './args';
import type { StoredSession } from './session';

export const DEFAULT_URL = 'http://localhost:4000/graphql';
export const DEFAULT_DEVICE_ID = 'ops-cli';
export const PROGRAM = 'ops';
/** The API's largest page. */
export const MAX_PAGE = 100;

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

/** The stored session is missing or no longer signed in (exit 1, no usage hint). */
export class NotLoggedInError extends Error {}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'url',
    type: 'string',
    valueName: 'URL',
    description: `gateway GraphQL endpoint; default $OPS_URL, else the URL of the stored session, else ${DEFAULT_URL}`,
  },
  { name: 'session', type: 'string', valueName: 'FILE', description: 'session file; default $OPS_SESSION, else ~/.reward-ops.json' },
  { name: 'help', short: 'h', type: 'boolean', description: 'show help' },
];

export interface CommandContext {
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

/** One `ops` command: its name, help and what it does. */
export interface Command {
  name: string;
  summary: string;
  options: readonly OptionSpec[];
  examples: readonly string[];
  run(context: CommandContext, options: ParsedOptions): Promise<void>;
}

