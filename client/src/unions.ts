/**
 * Narrowing helpers for the API's unions (Challenge, Reward, ClaimRewardResult). The
 * generated result types are discriminated unions on `__typename`, which every union
 * selection in client/operations asks for.
 */

export interface Typed {
  __typename: string;
}

/** The member of union `T` whose `__typename` is `N`. */
export type Member<T extends Typed, N extends T['__typename']> = Extract<T, { __typename: N }>;

export function isTypename<T extends Typed, N extends T['__typename']>(value: T, typename: N): value is Member<T, N> {
  return value.__typename === typename;
}

/** The value as member `N`, or null when it is another member. */
export function asTypename<T extends Typed, N extends T['__typename']>(value: T, typename: N): Member<T, N> | null {
  return isTypename(value, typename) ? value : null;
}

export class UnexpectedTypenameError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Expected a ${expected}, got a ${actual}.`);
    this.name = 'UnexpectedTypenameError';
  }
}

/** The value as member `N`; throws {@link UnexpectedTypenameError} otherwise. */
export function expectTypename<T extends Typed, N extends T['__typename']>(value: T, typename: N): Member<T, N> {
  if (isTypename(value, typename)) return value;
  throw new UnexpectedTypenameError(typename, value.__typename);
}

export type TypenameHandlers<T extends Typed, R> = { [N in T['__typename']]: (value: Member<T, N>) => R };

/** Exhaustive match: the compiler insists on a handler for every member of the union. */
export function matchTypename<T extends Typed, R>(value: T, handlers: TypenameHandlers<T, R>): R {
  const handler = handlers[value.__typename as T['__typename']] as (value: T) => R;
  return handler(value);
}
