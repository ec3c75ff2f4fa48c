import { z } from 'zod';
import { userIdSchema } from './account-routes';
import { internalRoute } from './route';
import { grantedRewardSchema } from './rewards';

const appliedOnce = z.enum(['applied', 'already-applied']);
const text = (max: number) => z.string().min(1).max(max);

/** A claim's credit, applied once per grant id (409 when a balance would pass its maximum, 404 for no such user). */
export const rewardGrantsRoute = internalRoute({
  path: '/internal/reward-grants',
  request: z.object({ grantId: z.string().min(1), userId: userIdSchema, rewards: z.array(grantedRewardSchema) }),
  response: z.object({ outcome: appliedOnce }),
});

/** A revoked claim's debit: applied once per claim id, never before its credit (see UserStore.applyRevocation). */
export const rewardRevocationsRoute = internalRoute({
  path: '/internal/reward-revocations',
  request: z.object({
    claimId: text(128),
    userId: userIdSchema,
    rewards: z.array(grantedRewardSchema),
    // Who and why are informative: a missing or odd value is recorded as unknown, never refused.
    actorId: userIdSchema.nullish().catch(null).transform((id) => id ?? null),
    note: z.string().nullish().catch(null).transform((note) => note?.slice(0, 500) ?? null),
  }),
  response: z.object({ outcome: appliedOnce, shortfall: z.boolean().nullable() }),
});

/** events' staff actions (createEvent, updateEvent, revokeClaim, retryDelivery), recorded before they take effect. */
export const auditEntriesRoute = internalRoute({
  path: '/internal/audit-entries',
  request: z.object({
    actorId: userIdSchema,
    action: text(64),
    targetType: text(64),
    targetId: text(128),
    summary: text(1000),
    at: z.string().pipe(z.coerce.date()),
  }),
  response: z.object({ id: z.string(), seq: z.number(), hash: z.string() }),
});
