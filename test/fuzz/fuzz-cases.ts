/** The bad inputs' building blocks: case shape, targets, and the arbitraries several operations share. */
import fc from 'fast-check';
import { ManualClock, Role } from '@platform/shared';
import { callerWith } from '../support/tokens';
import { badAmount, badDateTime, badDeviceId, badEnum, badHoldingId, badPassword, badUsername, notAnInt, notAString, notAStringOrInt } from './bad-input-arbitraries';

export const SEED = 8_2026;
export const DAY = 86_400_000;
/** Dates in the cases are relative to the start of the run, so generating twice gives the same cases. */
export const NOW = Date.now();

export type Who = 'anonymous' | 'player' | 'operator' | 'admin';
export interface FuzzCase {
  operation: string;
  query: string;
  variables: Record<string, unknown>;
  who: Who;
  /** Overrides the Authorization header: malformed, forged or expired tokens. */
  authorization?: string;
}

/** Tokens of the fuzz callers, filled by the test's set-up before any case is generated. */
export const tokens: Record<Exclude<Who, 'anonymous'>, string> = { player: '', operator: '', admin: '' };
/** The seeded player and event the cases aim at (live bindings: set by `setFuzzTargets`). */
export let playerId = '';
export let eventId = '';
export function setFuzzTargets(targets: { playerId: string; eventId: string }): void {
  playerId = targets.playerId;
  eventId = targets.eventId;
}

export const CREDENTIALS = (field: string) => `mutation($input: CredentialsInput!) { ${field}(input: $input) { accessToken refreshToken } }`;
export const valid = { username: 'fuzz_newcomer', password: 'correct horse battery', deviceId: 'phone' };
export const badCredentials = fc.oneof(
  badUsername.map((username) => ({ ...valid, username })),
  badPassword.map((password) => ({ ...valid, password })),
  badDeviceId.map((deviceId) => ({ ...valid, deviceId })),
  notAString.map((username) => ({ ...valid, username })),
  notAString.map((password) => ({ ...valid, password })),
  fc.constant({ password: valid.password }),
  notAStringOrInt,
);

export const eventInput = () => ({
  title: 'Fuzzed event',
  startsAt: new Date(NOW + DAY).toISOString(),
  endsAt: new Date(NOW + 2 * DAY).toISOString(),
  rewards: [{ currency: { currency: 'COIN', amount: 5 } }],
});
/** One field of a valid event input made bad; each alone is a refusal. */
export const badEventFields: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constantFrom('', '   ').map((title) => ({ title })),
  fc.string({ unit: fc.constantFrom('t', 'T'), minLength: 201, maxLength: 260 }).map((title) => ({ title })),
  fc.string({ unit: fc.constantFrom('d', ' '), minLength: 5001, maxLength: 5100 }).map((description) => ({ description })),
  badDateTime.map((startsAt) => ({ startsAt })),
  badDateTime.map((endsAt) => ({ endsAt })),
  fc.integer({ min: 0, max: 30 }).map((days) => ({ startsAt: new Date(NOW + (days + 3) * DAY).toISOString(), endsAt: new Date(NOW + 2 * DAY).toISOString() })),
  badAmount.map((amount) => ({ rewards: [{ currency: { currency: 'COIN', amount } }] })),
  badHoldingId.map((itemId) => ({ rewards: [{ item: { itemId, quantity: 1 } }] })),
  badHoldingId.map((couponId) => ({ rewards: [{ coupon: { couponId, quantity: 1 } }] })),
  fc.constant({ rewards: [{ currency: { currency: 'COIN', amount: 5 }, item: { itemId: 'potion', quantity: 1 } }] }),
  fc.constant({ rewards: [{}] }),
  fc.constant({ rewards: [] }),
  badEnum.map((currency) => ({ rewards: [{ currency: { currency, amount: 5 } }] })),
  fc.integer({ min: 21, max: 40 }).map((n) => ({ rewards: Array.from({ length: n }, () => ({ coupon: { couponId: 'c', quantity: 1 } })) })),
  fc.integer({ min: 11, max: 20 }).map((n) => ({ challenges: Array.from({ length: n }, () => ({ totalLogins: { count: 1 } })) })),
  badAmount.map((days) => ({ challenges: [{ loginStreak: { days } }] })),
  badAmount.map((count) => ({ challenges: [{ distinctItems: { count } }] })),
  badHoldingId.map((itemId) => ({ challenges: [{ itemCount: { itemId, count: 1 } }] })),
  fc.constant({ challenges: [{ totalLogins: { count: 1 }, loginStreak: { days: 2 } }] }),
  fc.constant({ challenges: [{}] }),
  badEnum.map((comparison) => ({ challenges: [{ currency: { currency: 'CASH', comparison, amount: 1 } }] })),
  fc.integer({ min: -(2 ** 31), max: 0 }).map((claimLimit) => ({ claimLimit })),
  notAnInt.map((claimLimit) => ({ claimLimit })),
  notAString.map((title) => ({ title })),
);

export const adjustment = fc.oneof(
  fc.constant({}),
  fc.constant({ coins: 0 }),
  // The player holds 60 coins and 2 potions (see beforeAll): these take more than that.
  fc.integer({ min: -(2 ** 31), max: -61 }).map((coins) => ({ coins })),
  fc.integer({ min: -(2 ** 31), max: -1 }).map((cash) => ({ cash })),
  fc.integer({ min: -1000, max: -3 }).map((quantity) => ({ items: [{ itemId: 'potion', quantity }] })),
  badHoldingId.map((itemId) => ({ items: [{ itemId, quantity: 1 }] })),
  badHoldingId.map((couponId) => ({ coupons: [{ couponId, quantity: 1 }] })),
  fc.constant({ items: [{ itemId: 'gem', quantity: 1 }, { itemId: 'gem', quantity: 2 }] }),
  notAnInt.map((coins) => ({ coins })),
);

export const tokenForgeries = fc.oneof(
  fc.string({ maxLength: 80 }).map((garbage) => `Bearer ${garbage}`),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer a.b.c', 'bearer  x'),
  fc.nat().map((seed) => {
    // A real token with one character of its signature or payload changed. Not the last
    // one: its low bits are padding, so some changes there decode to the same signature.
    const token = tokens.admin;
    const index = token.length - 2 - (seed % 60);
    const swapped = token[index] === 'A' ? 'B' : 'A';
    return `Bearer ${token.slice(0, index)}${swapped}${token.slice(index + 1)}`;
  }),
  fc.constant(null).map(() => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: playerId, roles: ['ADMIN'], sid: 'x', iss: 'reward-platform/users', aud: 'reward-platform', exp: 4_102_444_800 })).toString('base64url');
    return `Bearer ${header}.${payload}.`;
  }),
  fc.constant(null).map(() => `Bearer ${expiredAdminToken()}`),
);

let expired: string | null = null;
/** A real ADMIN token for the player that expired a day ago (made once: its session id is random). */
export function expiredAdminToken(): string {
  expired ??= callerWith([Role.ADMIN], playerId, new ManualClock(new Date(NOW - 2 * DAY))).token;
  return expired;
}

export type Generator = (count: number, seed: number) => FuzzCase[];
export const sample = <T,>(arbitrary: fc.Arbitrary<T>, count: number, seed: number) => fc.sample(arbitrary, { numRuns: count, seed });
