import { formatOptions } from './args';
import { GLOBAL_OPTIONS, PROGRAM, type Command } from './command';
import { COMMANDS } from './commands';

export function generalHelp(): string {
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

export function commandHelp(command: Command): string {
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

