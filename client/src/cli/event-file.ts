import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { CreateEventInput } from '../generated/graphql';
import { normaliseIsoDateTime } from './dates';

/** A problem with an input file: unreadable, unparsable or not shaped like the input. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

export type InputFormat = 'json' | 'yaml';

export function formatOfPath(path: string): InputFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  throw new InputFileError(`${path}: unknown file type '${ext || '(none)'}'; use .json, .yaml or .yml.`);
}

const CREATE_EVENT_FIELDS = [
  'title',
  'description',
  'startsAt',
  'endsAt',
  'isPublic',
  'active',
  'challenges',
  'rewards',
  'claimLimit',
  'claimPeriod',
] as const satisfies readonly (keyof CreateEventInput)[];

/**
 * Parses a CreateEventInput from JSON or YAML text. Checks the top level (a mapping with
 * known fields, the required ones present, dates as ISO strings) so typos fail here with the
 * file's name; the server validates the rest and names the exact field on BAD_USER_INPUT.
 */
export function parseCreateEventInput(text: string, format: InputFormat, source = 'input'): CreateEventInput {
  let parsed: unknown;
  try {
    parsed = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InputFileError(`${source}: not valid ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const value = normaliseDates(parsed);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputFileError(`${source}: expected an object with the fields of CreateEventInput (title, startsAt, endsAt, rewards, ...).`);
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !(CREATE_EVENT_FIELDS as readonly string[]).includes(key));
  if (unknown.length) {
    throw new InputFileError(`${source}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; CreateEventInput has ${CREATE_EVENT_FIELDS.join(', ')}.`);
  }
  const problems: string[] = [];
  if (typeof record['title'] !== 'string') problems.push('title is required and must be a string');
  for (const field of ['startsAt', 'endsAt'] as const) {
    const date = record[field];
    const iso = typeof date === 'string' ? normaliseIsoDateTime(date) : null;
    if (typeof date !== 'string') problems.push(`${field} is required and must be an ISO-8601 date-time string`);
    else if (iso === null) problems.push(`${field} is not an ISO-8601 date or date-time: '${date}'`);
    else record[field] = iso; // 2026-03-01 → 2026-03-01T00:00:00.000Z, as the API's DateTime wants
  }
  if (!Array.isArray(record['rewards'])) problems.push('rewards is required and must be a list');
  if (record['challenges'] !== undefined && record['challenges'] !== null && !Array.isArray(record['challenges'])) {
    problems.push('challenges must be a list');
  }
  if (problems.length) throw new InputFileError(`${source}: ${problems.join('; ')}.`);
  // Checked above at the top level; nested shapes are the server's to validate.
  return record as CreateEventInput;
}

export async function readCreateEventInput(path: string): Promise<CreateEventInput> {
  const format = formatOfPath(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(`${path}: cannot read the file${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}.`);
  }
  return parseCreateEventInput(text, format, path);
}

/** YAML may yield Date objects (explicit !!timestamp); the API wants ISO strings. */
function normaliseDates(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normaliseDates);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normaliseDates(inner)]));
  }
  return value;
}
