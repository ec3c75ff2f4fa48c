/** Bad inputs per public operation, seeded so that generating twice gives the same cases. */
import fc from 'fast-check';
import { badCursor, badDateTime, badDeviceId, badPageAndRange, badEnum, badFirst, badIdempotencyKey, notAnInt, notAString, notAStringOrInt, unknownId } from './bad-input-arbitraries';
import { SEED, DAY, NOW, playerId, eventId, CREDENTIALS, badCredentials, eventInput, badEventFields, adjustment, tokenForgeries, sample, type Who, type FuzzCase, type Generator } from './fuzz-cases';

/** Bad inputs per public operation; the test below checks every root field is listed. */
export const GENERATORS: Record<string, { count: number; cases: Generator }> = {
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
            ...badPageAndRange('createdAfter', 'createdBefore'),
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
            ...badPageAndRange('after', 'before'),
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

export function allCases(): FuzzCase[] {
  return Object.entries(GENERATORS).flatMap(([, generator], index) => generator.cases(generator.count, SEED + index));
}
