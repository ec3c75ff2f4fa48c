import { badInput } from '@platform/shared';

/** Upper bound for counts and amounts: far above any real promotion, far below Int overflow. */
export const MAX_AMOUNT = 1_000_000_000;
const HOLDING_ID = /^[A-Za-z0-9_:-]{1,64}$/;

const fieldName = (path: string) => path.split('.').at(-1) ?? path;

export function requireCount(value: number, path: string, min = 1): void {
  if (!Number.isInteger(value) || value < min || value > MAX_AMOUNT) {
    throw badInput(`${fieldName(path)} must be a whole number from ${min} to ${MAX_AMOUNT}.`, path);
  }
}

export function requireHoldingId(value: string, path: string): void {
  if (!HOLDING_ID.test(value)) throw badInput(`${fieldName(path)} must be 1–64 letters, digits, "_", ":" or "-".`, path);
}
