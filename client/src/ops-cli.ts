#!/usr/bin/env node
/**
 * `ops`: the operator command line for the reward platform. `runCli(argv, io)` is the whole
 * program (tests call it in-process); the last lines run it when this file is executed.
 */
import { homedir } from 'node:os';
import { GraphQLRequestError } from './platform-client';
import { parseOptions, splitCommand, UsageError } from './cli/args';
import { ExitCode, GLOBAL_OPTIONS, NotLoggedInError, PROGRAM, type CliIo, type Command, type CommandContext } from './cli/command';
import { COMMANDS } from './cli/commands';
import { InputFileError } from './cli/event-file';
import { commandHelp, generalHelp } from './cli/help';
import { SessionFileError, sessionPath } from './cli/session';

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

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
