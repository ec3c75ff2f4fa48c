import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildSchema, type GraphQLFormattedError } from 'graphql';
import { ManualClock, Role } from '@platform/shared';
import { dataOf } from '../support/graphql-result';
import { startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/platform';
import { callerWith } from '../support/tokens';
import {
  badAmount,
  badCursor,
  badDateTime,
  badDeviceId,
  badEnum,
  badFirst,
  badHoldingId,
  badIdempotencyKey,
  badPassword,
  badUsername,
  notAnInt,
  notAString,
  notAStringOrInt,
  unknownId,
} from './bad-input-arbitraries';

/**
 * Seeded, deterministic bad inputs for every public operation, sent to the real gateway
 * over HTTP. Each must be refused with a typed error (or a ClaimRejected), without a stack
 * trace or internal detail, and the platform's state must be exactly as before.
 */
const SEED = 8_2026;
const DAY = 86_400_000;
/** Dates in the cases are relative to the start of the run, so generating twice gives the same cases. */
const NOW = Date.now();

type Who = 'anonymous' | 'player' | 'operator' | 'admin';
interface FuzzCase {
  operation: string;
  query: string;
  variables: Record<string, unknown>;
  who: Who;
  /** Overrides the Authorization header: malformed, forged or expired tokens. */
  authorization?: string;
}

let platform: TestPlatform;
const tokens: Record<Exclude<Who, 'anonymous'>, string> = { player: '', operator: '', admin: '' };
let playerId = '';
let eventId = '';

beforeAll(async () => {
  platform = await startTestPlatform();
  tokens.admin = (await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password)).token;
  const operator = await platform.signUp('fuzz_operator');
  await platform.request(`mutation($id: ID!) { setRoles(userId: $id, roles: [OPERATOR]) { id } }`, { id: operator.id }, tokens.admin);
  tokens.operator = (await platform.logIn('fuzz_operator')).token;
  const player = await platform.signUp('fuzz_player');
  playerId = player.id;
  tokens.player = player.token;
  await platform.request(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { coins: 50, items: [{ itemId: "potion", quantity: 2 }], note: "fuzz seed" }) { coins } }`, { id: playerId }, tokens.admin);
  eventId = dataOf(
    await platform.request<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      { input: { title: 'Fuzz target', startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString(), claimLimit: 5, rewards: [{ currency: { currency: 'COIN', amount: 10 } }] } },
      tokens.operator,
    ),
  ).createEvent.id;
  // One granted claim, so claims and holdings are not trivially empty.
  await platform.request(`mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`, { id: eventId }, tokens.player);
});
afterAll(() => platform.stop());

/** Everything the bad inputs must not change, read as the admin sees it. */
async function snapshot(): Promise<unknown> {
  return dataOf(
    await platform.request(
      `{
        users(first: 100) { edges { node { id username roles bannedUntil
          profile { cash coins inventory { itemId quantity } coupons { couponId quantity } loginStats { totalLogins loginDays } } } } pageInfo { hasNextPage } }
        events(first: 100) { edges { node { id title description startsAt endsAt isPublic active claimLimit claimsRemaining updatedAt
          challenges { __typename } rewards { __typename } } } pageInfo { hasNextPage } }
        rewardClaims(first: 100) { totalCount edges { node { id status delivery } } }
        auditLog(first: 1) { totalCount edges { node { hash } } }
      }`,
      {},
      tokens.admin,
    ),
  );
}

// ---------------------------------------------------------------------------------------
// The bad inputs, per operation
// ---------------------------------------------------------------------------------------

const CREDENTIALS = (field: string) => `mutation($input: CredentialsInput!) { ${field}(input: $input) { accessToken refreshToken } }`;
const valid = { username: 'fuzz_newcomer', password: 'correct horse battery', deviceId: 'phone' };
const badCredentials = fc.oneof(
  badUsername.map((username) => ({ ...valid, username })),
  badPassword.map((password) => ({ ...valid, password })),
  badDeviceId.map((deviceId) => ({ ...valid, deviceId })),
  notAString.map((username) => ({ ...valid, username })),
  notAString.map((password) => ({ ...valid, password })),
  fc.constant({ password: valid.password }),
  notAStringOrInt,
);

const eventInput = () => ({
  title: 'Fuzzed event',
  startsAt: new Date(NOW + DAY).toISOString(),
  endsAt: new Date(NOW + 2 * DAY).toISOString(),
  rewards: [{ currency: { currency: 'COIN', amount: 5 } }],
});
/** One field of a valid event input made bad; each alone is a refusal. */
const badEventFields: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
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

const adjustment = fc.oneof(
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

const tokenForgeries = fc.oneof(
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
function expiredAdminToken(): string {
  expired ??= callerWith([Role.ADMIN], playerId, new ManualClock(new Date(NOW - 2 * DAY))).token;
  return expired;
}

type Generator = (count: number, seed: number) => FuzzCase[];
const sample = <T,>(arbitrary: fc.Arbitrary<T>, count: number, seed: number) => fc.sample(arbitrary, { numRuns: count, seed });

/** Bad inputs per public operation; the test below checks every root field is listed. */
const GENERATORS: Record<string, { count: number; cases: Generator }> = {
  signUp: {
    count: 100,
    cases: (n, seed) => sample(badCredentials, n, seed).map((input) => ({ operation: 'signUp', query: CREDENTIALS('signUp'), variables: { input }, who: 'anonymous' })),
  },
  logIn: {
    // Wrong passwords cost a password hash each (by design): fewer of them.
    count: 40,
    cases: (n, seed) =>
      sample(fc.oneof(badCredentials, fc.string({ minLength: 8, maxLength: 30 }).map((password) => ({ username: 'fuzz_player', password: `${password}!x` }))), n, seed).map((input) => ({
        operation: 'logIn', query: CREDENTIALS('logIn'), variables: { input }, who: 'anonymous',
      })),
  },
  refreshSession: {
    count: 60,
    cases: (n, seed) => sample(fc.oneof(fc.string({ maxLength: 120 }), notAString), n, seed).map((refreshToken) => ({
      operation: 'refreshSession', query: 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', variables: { t: refreshToken }, who: 'anonymous',
    })),
  },
  logOut: {
    count: 50,
    // null is no bad input here: it means the "default" device.
    cases: (n, seed) => sample(fc.tuple(fc.oneof(badDeviceId, notAString.filter((value) => value !== null)), fc.boolean()), n, seed).map(([deviceId, signedIn]) => ({
      operation: 'logOut', query: 'mutation($d: String) { logOut(deviceId: $d) }', variables: { d: signedIn ? deviceId : 'phone' }, who: signedIn ? 'player' : 'anonymous',
    })),
  },
  me: {
    count: 60,
    cases: (n, seed) => sample(tokenForgeries, n, seed).map((authorization) => ({ operation: 'me', query: '{ me { id username roles } }', variables: {}, who: 'anonymous', authorization })),
  },
  user: {
    count: 50,
    cases: (n, seed) => sample(fc.tuple(fc.oneof(notAStringOrInt, unknownId), fc.constantFrom<Who>('anonymous', 'player', 'admin')), n, seed).map(([id, who]) => ({
      operation: 'user', query: 'query($id: ID!) { user(id: $id) { id username } }', variables: { id }, who: who === 'admin' && typeof id === 'string' ? 'player' : who,
    })),
  },
  users: {
    count: 70,
    cases: (n, seed) =>
      sample(fc.oneof(badFirst.map((first) => ({ first })), notAnInt.map((first) => ({ first })), badCursor.map((after) => ({ after })), badEnum.map((role) => ({ role }))), n, seed).map((variables) => ({
        operation: 'users', query: 'query($first: Int, $after: String, $role: Role) { users(first: $first, after: $after, role: $role) { edges { node { id } } } }', variables, who: 'admin',
      })),
  },
  event: {
    count: 50,
    cases: (n, seed) => sample(fc.tuple(fc.oneof(notAStringOrInt, unknownId), fc.boolean()), n, seed).map(([id, signedIn]) => ({
      operation: 'event', query: 'query($id: ID!) { event(id: $id) { id title } }', variables: { id }, who: signedIn && typeof id !== 'string' ? 'player' : 'anonymous',
    })),
  },
  events: {
    count: 90,
    cases: (n, seed) =>
      sample(
        fc.oneof(
          badFirst.map((first) => ({ first })),
          notAnInt.map((first) => ({ first })),
          badCursor.map((after) => ({ after })),
          badDateTime.map((startsAfter) => ({ filter: { startsAfter } })),
          badDateTime.map((startsBefore) => ({ filter: { startsBefore } })),
          badEnum.map((status) => ({ filter: { status } })),
          notAStringOrInt.filter((value) => typeof value !== 'boolean' && value !== null).map((isPublic) => ({ filter: { isPublic } })),
        ),
        n,
        seed,
      ).map((variables) => ({
        operation: 'events', query: 'query($first: Int, $after: String, $filter: EventFilter) { events(first: $first, after: $after, filter: $filter) { edges { node { id } } } }', variables, who: 'player',
      })),
  },
  rewardClaims: {
    count: 90,
    cases: (n, seed) =>
      sample(
        fc.tuple(
          fc.oneof(
            badFirst.map((first) => ({ first })),
            badCursor.map((after) => ({ after })),
            badDateTime.map((createdAfter) => ({ filter: { createdAfter } })),
            badDateTime.map((createdBefore) => ({ filter: { createdBefore } })),
            badEnum.map((status) => ({ filter: { status } })),
            notAStringOrInt.filter((value) => value !== null).map((eventId) => ({ filter: { eventId } })),
          ),
          fc.constantFrom<Who>('player', 'admin'),
        ),
        n,
        seed,
      ).map(([variables, who]) => ({
        operation: 'rewardClaims', query: 'query($first: Int, $after: String, $filter: ClaimFilter) { rewardClaims(first: $first, after: $after, filter: $filter) { totalCount } }', variables, who,
      })),
  },
  claimReward: {
    count: 100,
    cases: (n, seed) =>
      sample(
        fc.oneof(
          fc.record({ eventId: fc.oneof(unknownId, fc.string({ maxLength: 40 })), who: fc.constant<Who>('player') }),
          fc.record({ eventId: fc.constant('<event>'), key: badIdempotencyKey, who: fc.constant<Who>('player') }),
          fc.record({ eventId: notAStringOrInt, who: fc.constant<Who>('player') }),
          fc.record({ eventId: fc.constant('<event>'), key: notAString.filter((key) => key !== null), who: fc.constant<Who>('player') }),
          fc.record({ eventId: fc.constant('<event>'), who: fc.constantFrom<Who>('anonymous', 'operator') }),
        ),
        n,
        seed,
      ).map(({ eventId: id, key, who }: { eventId: unknown; key?: unknown; who: Who }) => ({
        operation: 'claimReward',
        query: 'mutation($id: ID!, $key: String) { claimReward(eventId: $id, idempotencyKey: $key) { __typename ... on ClaimRejected { reason } } }',
        variables: { id: id === '<event>' ? eventId : id, key: key ?? null },
        who,
      })),
  },
  createEvent: {
    count: 120,
    cases: (n, seed) =>
      sample(fc.tuple(badEventFields, fc.nat(9)), n, seed).map(([fields, roll]) => ({
        operation: 'createEvent',
        query: 'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
        // One in ten: a valid input from someone who may not create events.
        variables: { input: roll === 0 ? eventInput() : { ...eventInput(), ...fields } },
        who: roll === 0 ? 'player' : 'operator',
      })),
  },
  updateEvent: {
    count: 100,
    cases: (n, seed) =>
      sample(fc.tuple(badEventFields, fc.nat(9), unknownId), n, seed).map(([fields, roll, missing]) => ({
        operation: 'updateEvent',
        query: 'mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }',
        variables: roll === 0 ? { id: missing, input: { title: 'Renamed' } } : { id: eventId, input: roll === 1 ? { title: 'Renamed' } : fields },
        who: roll === 1 ? 'player' : 'operator',
      })),
  },
  adjustHoldings: {
    count: 70,
    cases: (n, seed) =>
      sample(fc.tuple(adjustment, fc.nat(9), unknownId), n, seed).map(([input, roll, missing]) => ({
        operation: 'adjustHoldings',
        query: 'mutation($id: ID!, $input: HoldingsAdjustmentInput!) { adjustHoldings(userId: $id, input: $input) { coins } }',
        variables: roll === 0 ? { id: missing, input: { coins: 1 } } : { id: playerId, input: roll === 1 ? { coins: 1 } : input },
        who: roll === 1 ? 'player' : 'admin',
      })),
  },
  setRoles: {
    count: 50,
    cases: (n, seed) =>
      sample(fc.oneof(fc.record({ roles: fc.array(badEnum, { minLength: 1, maxLength: 3 }), id: fc.constant('<player>') }), fc.record({ roles: fc.constant([]), id: fc.constant('<player>') }), fc.record({ roles: fc.constant(['USER']), id: unknownId })), n, seed).map(({ roles, id }) => ({
        operation: 'setRoles', query: 'mutation($id: ID!, $roles: [Role!]!) { setRoles(userId: $id, roles: $roles) { id } }', variables: { id: id === '<player>' ? playerId : id, roles }, who: 'admin',
      })),
  },
  banUser: {
    count: 50,
    cases: (n, seed) =>
      sample(fc.oneof(badDateTime.map((until) => ({ until, id: '<player>' })), fc.integer({ min: 1, max: 3650 }).map((days) => ({ until: new Date(NOW - days * DAY).toISOString(), id: '<player>' })), unknownId.map((id) => ({ until: null, id }))), n, seed).map(({ until, id }) => ({
        operation: 'banUser', query: 'mutation($id: ID!, $until: DateTime) { banUser(userId: $id, until: $until) { id } }', variables: { id: id === '<player>' ? playerId : id, until }, who: 'admin',
      })),
  },
  revokeSessions: {
    count: 40,
    cases: (n, seed) =>
      sample(fc.tuple(fc.oneof(unknownId, notAStringOrInt), fc.boolean()), n, seed).map(([id, asPlayer]) => ({
        operation: 'revokeSessions', query: 'mutation($id: ID!) { revokeSessions(userId: $id) }', variables: { id: asPlayer ? playerId : id }, who: asPlayer ? 'player' : 'admin',
      })),
  },
  serverTime: {
    count: 20,
    cases: (n, seed) =>
      sample(fc.oneof(notAStringOrInt, fc.integer()), n, seed).map((value) => ({
        // serverTime takes no argument: any argument is a validation error.
        operation: 'serverTime', query: 'query($v: Int) { serverTime(at: $v) }', variables: { v: value }, who: 'anonymous',
      })),
  },
  setTimeZone: {
    count: 40,
    cases: (n, seed) =>
      sample(
        fc.tuple(
          fc.oneof(
            fc.string({ maxLength: 40 }).filter((zone) => !isTimeZone(zone)),
            fc.constantFrom('+05:00', 'UTC+1', 'GMT-3', 'Europe/Atlantis', 'America/New York', '../etc/passwd', ''),
            notAStringOrInt,
          ),
          fc.boolean(),
        ),
        n,
        seed,
      ).map(([timeZone, anonymous]) => ({
        operation: 'setTimeZone', query: 'mutation($z: String!) { setTimeZone(timeZone: $z) { id timeZone } }', variables: { z: timeZone }, who: anonymous ? 'anonymous' : 'player',
      })),
  },
  advanceTestClock: {
    count: 20,
    cases: (n, seed) =>
      sample(fc.tuple(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 400 * 86_400 }), notAStringOrInt), fc.constantFrom<Who>('player', 'operator', 'admin')), n, seed).map(([seconds, who]) => ({
        operation: 'advanceTestClock', query: 'mutation($s: Int!) { advanceTestClock(seconds: $s) }', variables: { s: seconds }, who,
      })),
  },
  retryDelivery: {
    count: 30,
    cases: (n, seed) =>
      sample(fc.tuple(fc.oneof(unknownId, notAStringOrInt), fc.boolean()), n, seed).map(([id, asPlayer]) => ({
        operation: 'retryDelivery', query: 'mutation($id: ID!) { retryDelivery(claimId: $id) { id delivery } }', variables: { id }, who: asPlayer ? 'player' : 'admin',
      })),
  },
  revokeClaim: {
    count: 40,
    cases: (n, seed) =>
      sample(fc.tuple(fc.oneof(unknownId, notAStringOrInt), fc.oneof(fc.constant(''), fc.constant('   '), fc.constant('x'.repeat(501)), notAString, fc.constant('a valid note')), fc.nat(3)), n, seed).map(([id, note, roll]) => ({
        operation: 'revokeClaim',
        query: 'mutation($id: ID!, $note: String!) { revokeClaim(claimId: $id, note: $note) { id status } }',
        variables: { id, note },
        who: roll === 0 ? 'player' : roll === 1 ? 'operator' : 'admin',
      })),
  },
  auditLog: {
    count: 60,
    cases: (n, seed) =>
      sample(
        fc.tuple(
          fc.oneof(
            badFirst.map((first) => ({ first })),
            badCursor.map((after) => ({ after })),
            badDateTime.map((after) => ({ filter: { after } })),
            badDateTime.map((before) => ({ filter: { before } })),
            notAStringOrInt.filter((value) => value !== null).map((actorId) => ({ filter: { actorId } })),
            fc.constant({ filter: { actorId: 'not-an-id' } }),
            fc.constant({ filter: { after: new Date(NOW).toISOString(), before: new Date(NOW - DAY).toISOString() } }),
          ),
          fc.nat(3),
        ),
        n,
        seed,
      ).map(([variables, roll]) => ({
        operation: 'auditLog',
        query: 'query($first: Int, $after: String, $filter: AuditFilter) { auditLog(first: $first, after: $after, filter: $filter) { totalCount edges { node { id } } } }',
        variables,
        who: roll === 0 ? 'operator' : 'admin',
      })),
  },
  auditLogIntegrity: {
    count: 6,
    cases: (n, seed) =>
      sample(fc.constantFrom<Who>('anonymous', 'player', 'operator'), n, seed).map((who) => ({ operation: 'auditLogIntegrity', query: '{ auditLogIntegrity { intact } }', variables: {}, who })),
  },
};

/** Whether the platform's Intl knows `zone` (a random string may happen to be "UTC" or "Japan"). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function allCases(): FuzzCase[] {
  return Object.entries(GENERATORS).flatMap(([, generator], index) => generator.cases(generator.count, SEED + index));
}

// ---------------------------------------------------------------------------------------
// What every answer must look like
// ---------------------------------------------------------------------------------------

/** Extensions a client may see; anything else would be internal detail. */
const CLIENT_EXTENSIONS = new Set(['code', 'field', 'retryAt', 'retryAfter', 'retryAfterSeconds']);
const INTERNAL_DETAIL = /node_modules|\/work\/|\.ts:\d+|\.js:\d+|\n\s+at |stacktrace|ECONNREFUSED|127\.0\.0\.1|mongo|MongoServerError|TypeError|ReferenceError/i;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
  text: string;
}

async function send(fuzzCase: FuzzCase): Promise<Answer> {
  const authorization = fuzzCase.authorization ?? (fuzzCase.who === 'anonymous' ? undefined : `Bearer ${tokens[fuzzCase.who]}`);
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: fuzzCase.query, variables: fuzzCase.variables }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Answer['body'], text };
}

/** Why an answer is wrong, or null when it is a proper refusal. */
function problemWith(fuzzCase: FuzzCase, answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  const leak = INTERNAL_DETAIL.exec(answer.text.replace(JSON.stringify(fuzzCase.variables).slice(1, -1), ''));
  if (leak) return `internal detail in the response: "${leak[0]}"`;
  const errors = answer.body.errors ?? [];
  for (const error of errors) {
    const code = error.extensions?.['code'];
    if (typeof code !== 'string') return `an error without extensions.code: ${error.message}`;
    if (code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${error.message}`;
    const extra = Object.keys(error.extensions ?? {}).filter((key) => !CLIENT_EXTENSIONS.has(key));
    if (extra.length > 0) return `internal extensions ${extra.join(', ')}`;
  }
  if (errors.length > 0) return null;
  const claim = answer.body.data?.['claimReward'] as { __typename?: string } | undefined;
  if (claim?.__typename === 'ClaimRejected') return null;
  return `accepted: ${answer.text.slice(0, 200)}`;
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  return results;
}

test('the generated cases are deterministic and cover every public operation', () => {
  const api = buildSchema(readFileSync(join(__dirname, '../../schema/api.graphql'), 'utf8'));
  const rootFields = [...Object.keys(api.getQueryType()!.getFields()), ...Object.keys(api.getMutationType()!.getFields())].sort();
  expect(Object.keys(GENERATORS).sort()).toEqual(rootFields);
  const cases = allCases();
  expect(cases.length).toBeGreaterThanOrEqual(1000);
  const digest = (values: FuzzCase[]) => createHash('sha256').update(JSON.stringify(values)).digest('hex');
  expect(digest(allCases())).toBe(digest(cases));
});

test('every bad input is refused with a typed error or a ClaimRejected, leaks nothing and changes nothing', async () => {
  const before = await snapshot();
  const cases = allCases();
  const answers = await inBatches(cases, 8, send);
  const problems = cases.flatMap((fuzzCase, index) => {
    const problem = problemWith(fuzzCase, answers[index]!);
    return problem ? [`${fuzzCase.operation} as ${fuzzCase.who} ${JSON.stringify(fuzzCase.variables).slice(0, 300)}${fuzzCase.authorization ? ` auth=${fuzzCase.authorization.slice(0, 40)}` : ''}: ${problem}`] : [];
  });
  expect(problems).toEqual([]);
  expect(await snapshot()).toEqual(before);
}, 60_000);
