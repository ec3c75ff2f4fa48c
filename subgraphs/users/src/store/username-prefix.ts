/** The stored, lower-cased username key's anchored prefix pattern: an index range scan on MongoDB. */
export function usernamePrefixPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix.toLowerCase().replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}`);
}
