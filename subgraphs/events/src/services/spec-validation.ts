import { badInput, HOLDING_ID_RULE, isHoldingId } from '@platform/shared';

/** Upper bound for counts and amounts: far above any real promotion, far below Int overflow. */
export const MAX_AMOUNT = 1_000_000_000;

const fieldName = (path: string) => path.split('.').at(-1) ?? path;

export function requireCount(value: number, path: string, min = 1): void {
  if (!Number.isInteger(value) || value < min || value > MAX_AMOUNT) {
    throw badInput(`${fieldName(path)} must be a whole number from ${min} to ${MAX_AMOUNT}.`, path);
  }
}

export function requireHoldingId(value: string, path: string): void {
  if (!isHoldingId(value)) throw badInput(`${fieldName(path)} must be ${HOLDING_ID_RULE}.`, path);
}
