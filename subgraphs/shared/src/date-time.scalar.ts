import { types } from 'node:util';
import { GraphQLScalarType, Kind } from 'graphql';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value)) {
    throw new TypeError('DateTime must be an ISO-8601 string with a time zone, e.g. 2026-01-31T12:00:00Z');
  }
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
