import { types } from 'node:util';
import { GraphQLScalarType, Kind } from 'graphql';

/*
 * Kept rather than graphql-scalars' DateTime (checked against 1.26.0): that one refuses the same
 * impossible dates, but also refuses `2027-01-31T12:00Z` (no seconds), which this API accepts.
 */
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether every part names a real instant: `new Date` silently rolls 2027-02-30 over to
 * March 2 and 24:00 to the next day, so the calendar is checked here, leap years included.
 */
function isRealDateTime(parts: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = parts.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return false;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return false;
  // Day 0 of the next month is the last day of this one (setUTCFullYear: no 19xx mapping of years < 100).
  const lastOfMonth = new Date(0);
  lastOfMonth.setUTCFullYear(year, month, 0);
  return day <= lastOfMonth.getUTCDate();
}

function parse(value: unknown): Date {
  const parts = typeof value === 'string' ? ISO_WITH_ZONE.exec(value) : null;
  if (typeof value !== 'string' || !parts) {
    throw new TypeError('DateTime must be an ISO-8601 string with a time zone, e.g. 2026-01-31T12:00:00Z');
  }
  if (!isRealDateTime(parts)) throw new TypeError(`"${value}" is not a real date and time`);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`"${value}" is not a valid date`);
  return date;
}

/** ISO-8601 date-time in UTC on output; any explicit offset accepted on input. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 date-time string, UTC on output (e.g. 2026-01-31T12:00:00.000Z)',
  serialize(value) {
    // util.types.isDate also recognises dates made in another realm (structuredClone, vm).
    const date = types.isDate(value) ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new TypeError('DateTime cannot represent a non-date value');
    return date.toISOString();
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be a string');
    return parse(ast.value);
  },
});
