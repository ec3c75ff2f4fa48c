import fc from 'fast-check';

/**
 * Generators of inputs every public operation must refuse. Each yields values that are
 * bad by construction (never a valid value by chance), so a refusal is always the right
 * answer and anything else is a finding.
 */

/** Any JSON value that is not a string: String! and ID! variables must refuse it (ID takes integers, so no integers here). */
export const notAStringOrInt = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
  fc.boolean(),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.constant(null),
);

/** Not a string at all, for String! variables. */
export const notAString = fc.oneof(notAStringOrInt, fc.integer());

/** Not a 32-bit integer: Int variables must refuse it. */
export const notAnInt = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -(2 ** 31) - 1 }),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
);

/** Strings with characters outside printable ASCII: control characters, spaces, emoji, non-Latin letters. */
export const oddCharacters = fc.constantFrom(' ', '\t', '\n', '\u0000', 'é', '漢', '🙂', '\u202e', '$', '{', '"', '\\', '/', '<');

/** A string that contains at least one of `oddCharacters`, somewhere among plain ones. */
export const withOddCharacter = fc
  .tuple(fc.string({ unit: fc.constantFrom('a', 'b', '1', '_', '-'), maxLength: 10 }), oddCharacters, fc.string({ unit: fc.constantFrom('x', '9'), maxLength: 10 }))
  .map(([before, odd, after]) => `${before}${odd}${after}`);

const USERNAME = /^[a-zA-Z0-9_.-]{3,32}$/;
export const badUsername = fc
  .oneof(
    fc.string({ unit: fc.constantFrom('a', 'b', '7', '_'), maxLength: 2 }),
    fc.string({ unit: fc.constantFrom('a', 'z', '0', '.'), minLength: 33, maxLength: 80 }),
    withOddCharacter,
  )
  .filter((name) => !USERNAME.test(name));

export const badPassword = fc.oneof(fc.string({ maxLength: 7 }), fc.string({ minLength: 129, maxLength: 300 }));

const DEVICE_ID = /^[\x21-\x7e]{1,64}$/;
export const badDeviceId = fc.oneof(fc.constant(''), withOddCharacter, fc.string({ unit: fc.constantFrom('d', '1'), minLength: 65, maxLength: 100 })).filter((id) => !DEVICE_ID.test(id));

/** Not a date-time at all, or a calendar date that does not parse. */
export const badDateTime = fc.oneof(
  fc.constantFrom('', 'yesterday', 'now', '2026-13-01T00:00:00Z', '2026-01-01T25:00:00Z', '2026-00-10T00:00:00Z', '31/12/2026', 'T00:00:00Z', '2026-01-01T00:00:00+25:00'),
  fc.string({ unit: fc.constantFrom('a', 'Z', ':', '-'), minLength: 1, maxLength: 20 }),
  fc.integer().map((n) => `${n}`),
);

/** Page sizes outside 1–100. */
export const badFirst = fc.oneof(fc.integer({ min: -(2 ** 31), max: 0 }), fc.integer({ min: 101, max: 2 ** 31 - 1 }));

/** Cursors this API never issued. */
export const badCursor = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.base64String({ minLength: 4, maxLength: 60 }), withOddCharacter);

/** Well-formed ids that name nothing (fresh ObjectIds are never reused). */
export const unknownId = fc.stringMatching(/^[0-9a-f]{24}$/);

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
export const badIdempotencyKey = fc
  .oneof(fc.constant(''), withOddCharacter, fc.string({ unit: fc.constantFrom('k', '2'), minLength: 129, maxLength: 200 }))
  .filter((key) => !IDEMPOTENCY_KEY.test(key));

/** Strings that are no enum value of the schema. */
export const badEnum = fc.oneof(fc.constantFrom('user', 'Admin', 'ROOT', 'SUPERUSER', 'RUNNING ', '', 'GRANTED;'), withOddCharacter);

/** Holding ids (items, coupons) that break 1–64 of [A-Za-z0-9_:-] or name a prototype key. */
export const badHoldingId = fc.oneof(
  fc.constantFrom('', '__proto__', 'constructor', 'prototype', 'a.b', '$set', 'x'.repeat(65)),
  withOddCharacter,
);

/** Amounts and counts below 1 or above 10^9. */
export const badAmount = fc.oneof(fc.integer({ min: -(2 ** 31), max: 0 }), fc.integer({ min: 1_000_000_001, max: 2 ** 31 - 1 }));

/** Bad paging arguments, then a bad DateTime for each bound of a filter's time range (in this order). */
export const badPageAndRange = (lower: string, upper: string) =>
  [
    badFirst.map((first) => ({ first })),
    badCursor.map((after) => ({ after })),
    badDateTime.map((value) => ({ filter: { [lower]: value } })),
    badDateTime.map((value) => ({ filter: { [upper]: value } })),
  ] as const;
