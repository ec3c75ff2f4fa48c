import { parseArgs, type ParseArgsConfig } from 'node:util';
import { normaliseIsoDateTime } from './dates';

/**
 * Strict command lines on node:util's parseArgs: `ops [global options] <command> [options]`.
 * Options are `--name value` or `--name=value`; booleans are bare `--name`. Anything it does
 * not know is a {@link UsageError}, so typos never silently change what a command does.
 * parseArgs tokenises; this module adds integers, choices, required options and messages
 * that name the option and the command.
 */

export type OptionType = 'string' | 'integer' | 'boolean';

export interface OptionSpec {
  name: string;
  type: OptionType;
  description: string;
  /** Shown in help, e.g. `FILE`, `ID`. */
  valueName?: string;
  required?: boolean;
  /** Allowed values (case-insensitive on input, normalised to the listed spelling). */
  choices?: readonly string[];
  /** Inclusive bounds for integers. */
  min?: number;
  max?: number;
  short?: string;
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help the user should read, if any. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionValue = string | number | boolean;

export class ParsedOptions {
  constructor(
    private readonly values: ReadonlyMap<string, OptionValue>,
    private readonly command?: string,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string | undefined {
    const value = this.values.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw new UsageError(`Missing required option --${name}.`, this.command);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.values.get(name);
    return typeof value === 'number' ? value : undefined;
  }

  flag(name: string): boolean {
    return this.values.get(name) === true;
  }
}

export interface SplitArgs {
  command: string | undefined;
  /** Every argument but the command itself, in order. */
  args: string[];
}

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

function parseArgsOptions(specs: readonly OptionSpec[]): ParseArgsOptions {
  const options: ParseArgsOptions = {};
  for (const spec of specs) {
    options[spec.name] = { type: spec.type === 'boolean' ? 'boolean' : 'string', ...(spec.short ? { short: spec.short } : {}) };
  }
  return options;
}

/** parseArgs in its non-strict mode, keeping its tokens: what the tokens mean is checked here. */
const tokensOf = (args: readonly string[], specs: readonly OptionSpec[]) =>
  parseArgs({ args: [...args], options: parseArgsOptions(specs), strict: false, allowPositionals: true, tokens: true }).tokens;

/**
 * Finds the command: the first argument that is neither an option nor the value of a
 * global option taking one (`ops --url http://x events` → `events`).
 */
export function splitCommand(argv: readonly string[], globalOptions: readonly OptionSpec[]): SplitArgs {
  const args = [...argv];
  for (const token of tokensOf(argv, globalOptions)) {
    if (token.kind === 'option-terminator') break;
    if (token.kind !== 'positional') continue;
    args.splice(token.index, 1);
    return { command: token.value, args };
  }
  return { command: undefined, args };
}

/** Parses options against `specs`; positional arguments are refused. */
export function parseOptions(args: readonly string[], specs: readonly OptionSpec[], command?: string): ParsedOptions {
  const values = new Map<string, OptionValue>();
  const where = command ? ` for '${command}'` : '';
  for (const token of tokensOf(args, specs)) {
    if (token.kind === 'positional') throw new UsageError(`Unexpected argument '${token.value}'${where}.`, command);
    if (token.kind === 'option-terminator') throw new UsageError(`Unexpected argument '--'${where}.`, command);
    const spec = specs.find((candidate) => candidate.name === token.name);
    if (!spec) throw new UsageError(`Unknown option '${token.rawName}'${where}.`, command);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`Option --${spec.name} takes no value.`, command);
      values.set(spec.name, true);
      continue;
    }
    // parseArgs takes the next argument as the value whatever it looks like; another option is not one.
    const raw = token.value;
    if (raw === undefined || (!token.inlineValue && raw.startsWith('--') && raw.length > 2)) {
      throw new UsageError(`Option --${spec.name} needs a value${spec.valueName ? ` (${spec.valueName})` : ''}.`, command);
    }
    if (values.has(spec.name)) throw new UsageError(`Option --${spec.name} is given more than once.`, command);
    values.set(spec.name, convert(spec, raw, command));
  }
  for (const spec of specs) {
    if (spec.required && !values.has(spec.name)) throw new UsageError(`Missing required option --${spec.name}.`, command);
  }
  return new ParsedOptions(values, command);
}

function convert(spec: OptionSpec, raw: string, command?: string): OptionValue {
  if (spec.type === 'integer') {
    if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`Option --${spec.name} must be a whole number, got '${raw}'.`, command);
    const value = Number(raw);
    if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
      throw new UsageError(`Option --${spec.name} must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}, got ${value}.`, command);
    }
    return value;
  }
  if (raw === '') throw new UsageError(`Option --${spec.name} may not be empty.`, command);
  if (spec.choices) {
    const match = spec.choices.find((choice) => choice.toLowerCase() === raw.toLowerCase());
    if (!match) throw new UsageError(`Option --${spec.name} must be one of ${spec.choices.join(', ')}; got '${raw}'.`, command);
    return match;
  }
  return raw;
}

/** Splits `A,B, C` into trimmed, non-empty parts. */
export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** An ISO-8601 date or date-time, normalised to UTC (`2026-01-31` → `2026-01-31T00:00:00.000Z`). */
export function parseIsoDate(raw: string, optionName: string, command?: string): string {
  const iso = normaliseIsoDateTime(raw);
  if (iso === null) {
    throw new UsageError(`Option --${optionName} must be an ISO-8601 date or date-time (e.g. 2026-01-31T12:00:00Z), got '${raw}'.`, command);
  }
  return iso;
}

/** Help text lines for options: `  --name VALUE   description`. */
export function formatOptions(specs: readonly OptionSpec[]): string {
  const left = specs.map((spec) => {
    const value = spec.type === 'boolean' ? '' : ` ${spec.valueName ?? spec.name.toUpperCase()}`;
    return `${spec.short ? `-${spec.short}, ` : ''}--${spec.name}${value}`;
  });
  const width = Math.max(0, ...left.map((text) => text.length));
  return specs
    .map((spec, i) => {
      const notes = [spec.required ? 'required' : '', spec.choices ? `one of ${spec.choices.join('|')}` : ''].filter(Boolean);
      return `  ${(left[i] ?? '').padEnd(width)}   ${spec.description}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    })
    .join('\n');
}
