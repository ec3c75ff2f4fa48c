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

const HOLDING_ID = /^[A-Za-z0-9_:-]{1,64}$/;
/** Names that mean something to JavaScript objects; as item ids they invite prototype bugs. */
const RESERVED_HOLDING_IDS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Item and coupon ids: 1–64 of [A-Za-z0-9_:-]. They become MongoDB field names (no dots
 * or dollar signs) and object keys (no prototype names).
 */
export function isHoldingId(value: string): boolean {
  return HOLDING_ID.test(value) && !RESERVED_HOLDING_IDS.has(value);
}

export const HOLDING_ID_RULE = '1–64 letters, digits, "_", ":" or "-" (not __proto__, constructor or prototype)';
