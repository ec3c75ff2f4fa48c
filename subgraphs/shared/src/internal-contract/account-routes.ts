import { z } from 'zod';
import { isId } from '../ids';
import { Role } from '../roles';
import { internalRoute } from './route';

export const MAX_PROFILE_IDS = 500;

export const userIdSchema = z.string().refine(isId, { message: 'expected a user id (24 hex digits)' });
const isoInstant = z.iso.datetime({ offset: true });

/** What events' challenges read about a player (API.graphql's PlayerProfile). */
const playerProfileSchema = z.object({
  cash: z.number(),
  coins: z.number(),
  inventory: z.array(z.object({ itemId: z.string(), quantity: z.number() })),
  coupons: z.array(z.object({ couponId: z.string(), quantity: z.number() })),
  loginStats: z.object({
    totalLogins: z.number(),
    loginDays: z.number(),
    currentStreak: z.number(),
    lastLoginAt: isoInstant.nullable(),
    daysAwayBeforeLastLogin: z.number(),
  }),
});

/** Players' standings for events' evaluations: ban, age, profile and their days. */
export const profilesRoute = internalRoute({
  path: '/internal/profiles',
  request: z.object({ userIds: z.array(z.string()).max(MAX_PROFILE_IDS) }),
  response: z.object({
    users: z.array(
      z.object({
        id: z.string(),
        /** Still sent for older events builds; events reads roles from session-account only. */
        roles: z.array(z.enum(Role)).optional(),
        bannedUntil: isoInstant.nullable(),
        /** Absent from older users builds: then the account's age is unknown. */
        createdAt: isoInstant.nullable().optional(),
        profile: playerProfileSchema,
        /** PlayerTimeZoneJson; read leniently by playerTimeZoneFromJson (malformed = the game zone). */
        timeZone: z.unknown().optional(),
      }),
    ),
  }),
});

/** The account behind one access token as it is now, null once its session ended (logOut, revokeSessions, ban). */
export const sessionAccountRoute = internalRoute({
  path: '/internal/session-account',
  request: z.object({ userId: userIdSchema, sessionId: z.string().min(1) }),
  response: z.object({ account: z.object({ roles: z.array(z.enum(Role)), bannedUntil: isoInstant.nullable() }).nullable() }),
});

/** TEST_CLOCK=enabled only (404 otherwise): the offset events adopts, so both services share one clock. */
export const testClockRoute = internalRoute({
  path: '/internal/test-clock',
  request: z.object({}).optional(),
  response: z.object({ offsetMs: z.number(), now: isoInstant.optional() }),
});
