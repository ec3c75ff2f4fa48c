import { Types } from 'mongoose';

/**
 * Ids are MongoDB ObjectIds as 24 hex chars, minted by the application so that every
 * adapter hands out the same shape and ids sort by creation time.
 */
export function newId(): string {
  return new Types.ObjectId().toHexString();
}

export function isId(value: string): boolean {
  return /^[0-9a-f]{24}$/.test(value);
}
