/** MongoDB's E11000: a unique index refused the write (a race lost, or a key already taken). */
const DUPLICATE_KEY = 11000;

export const isDuplicateKeyError = (error: unknown): boolean => (error as { code?: number } | null)?.code === DUPLICATE_KEY;
