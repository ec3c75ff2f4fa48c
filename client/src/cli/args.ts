import { normaliseIsoDateTime } from './dates';

/**
 * A small, strict command-line parser: `ops [global options] <command> [options]`.
 * Options are `--name value` or `--name=value`; booleans are bare `--name`. Anything it does
 * not know is a {@link UsageError}, so typos never silently change what a command does.
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

/**
 * Finds the command: the first argument that is neither an option nor the value of a
 * global option taking one (`ops --url http://x events` → `events`).
 */
export function splitCommand(argv: readonly string[], globalOptions: readonly OptionSpec[]): SplitArgs {
  const args = [...argv];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      const spec = findSpec(arg, globalOptions);
      if (spec && spec.type !== 'boolean' && !arg.includes('=')) i++;
      continue;
    }
    args.splice(i, 1);
    return { command: arg, args };
  }
  return { command: undefined, args };
}

function findSpec(arg: string, specs: readonly OptionSpec[]): OptionSpec | undefined {
  if (arg.startsWith('--')) {
    const name = arg.slice(2).split('=', 1)[0];
    return specs.find((spec) => spec.name === name);
  }
  return specs.find((spec) => spec.short !== undefined && `-${spec.short}` === arg);
}

/** Parses options against `specs`; positional arguments are refused. */
export function parseOptions(args: readonly string[], specs: readonly OptionSpec[], command?: string): ParsedOptions {
  const values = new Map<string, OptionValue>();
  const where = command ? ` for '${command}'` : '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      throw new UsageError(`Unexpected argument '${arg}'${where}.`, command);
    }
    const spec = findSpec(arg, specs);
    if (!spec) throw new UsageError(`Unknown option '${arg.split('=', 1)[0]}'${where}.`, command);
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    let raw: string | undefined;
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`Option --${spec.name} takes no value.`, command);
      values.set(spec.name, true);
      continue;
    }
    if (eq !== -1) {
      raw = arg.slice(eq + 1);
    } else {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UsageError(`Option --${spec.name} needs a value${spec.valueName ? ` (${spec.valueName})` : ''}.`, command);
      }
      raw = next;
      i++;
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
