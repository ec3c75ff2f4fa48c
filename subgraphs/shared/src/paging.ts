import { badInput } from './errors';
import { isId } from './ids';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first: number;
  after?: string | null;
}

/** Validates `first`: 1..100. Asking for 0 or 10,000 is a client bug worth reporting. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return size;
}

/** Cursors are opaque to clients: base64url of the sort key of the last item. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((part, i) => typeof part === shape[i])) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the input error
  }
  throw badInput('after is not a cursor this API issued.', 'after');
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

/** Stores fetch one item more than asked so `hasNextPage` costs no extra query. */
export function toPage<T>(fetched: T[], size: number): Page<T> {
  return { items: fetched.slice(0, size), hasNextPage: fetched.length > size };
}

/** A keyset position: a timestamp and the id that breaks ties. */
export interface TimeIdKey {
  at: Date;
  id: string;
}

export function encodeTimeIdCursor(at: Date, id: string): string {
  return encodeCursor([at.getTime(), id]);
}

/** Decodes a (time, id) cursor; a well-formed key with a foreign id or date is refused too. */
export function decodeTimeIdCursor(cursor: string): TimeIdKey {
  const [time, id] = decodeCursor(cursor, ['number', 'string']) as [number, string];
  const at = new Date(time);
  if (!isId(id) || Number.isNaN(at.getTime())) throw badInput('after is not a cursor this API issued.', 'after');
  return { at, id };
}

/** Decodes an id-only cursor. */
export function decodeIdCursor(cursor: string): string {
  const [id] = decodeCursor(cursor, ['string']) as [string];
  if (!isId(id)) throw badInput('after is not a cursor this API issued.', 'after');
  return id;
}
