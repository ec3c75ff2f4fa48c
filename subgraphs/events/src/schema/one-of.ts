import { badInput } from '@platform/shared';

/**
 * The @oneOf pattern: exactly one field of the input is set. Returns that field's name
 * and value; zero or several is BAD_USER_INPUT naming the input's path.
 */
export function pickOne(input: object, fields: readonly string[], path: string): { field: string; value: object } {
  const set = fields.filter((field) => (input as Record<string, unknown>)[field] != null);
  if (set.length !== 1) {
    const found = set.length === 0 ? 'none' : set.join(', ');
    throw badInput(`Set exactly one of ${fields.join(', ')} (got ${found}).`, path);
  }
  const field = set[0] as string;
  return { field, value: (input as Record<string, object>)[field] as object };
}

/** A registry's list as the non-empty tuple a GraphQL union needs; an empty registry is a start-up error. */
export function nonEmpty<T>(list: readonly T[]): [T, ...T[]] {
  const [first, ...rest] = list;
  if (first === undefined) throw new Error('a union needs at least one member');
  return [first, ...rest];
}
