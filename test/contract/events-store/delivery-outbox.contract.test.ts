import { newId } from '@platform/shared';
import { DeliveryStatus } from '../../../subgraphs/events/src/schema/enums';
import { adapters, useEventsStores, at, ALL_REWARDS, eventRecord, grantedClaim, rejectedClaim, deliveryFor, ids } from './fixtures';

describe.each(adapters)('$name events stores', (adapter) => {
  const { claims, inserted } = useEventsStores(adapter);

  describe('delivery outbox', () => {
    async function grantWithDelivery(nextAttemptAt: Date) {
      const [event] = await inserted(eventRecord({ rewards: ALL_REWARDS }));
      const claim = grantedClaim(event!);
      const delivery = deliveryFor(claim, { nextAttemptAt });
      expect(await claims().grant(claim, delivery)).toMatchObject({ outcome: 'granted' });
      return { claim, delivery };
    }

    test('dueDeliveries: undelivered ones due by now, oldest first, up to limit', async () => {
      const late = await grantWithDelivery(at(-1));
      const early = await grantWithDelivery(at(-3));
      const now = await grantWithDelivery(at(0));
      const future = await grantWithDelivery(at(1));
      expect(await claims().dueDeliveries(at(0), 10)).toEqual([early.delivery, late.delivery, now.delivery]);
      expect(await claims().dueDeliveries(at(0), 2)).toEqual([early.delivery, late.delivery]);
      expect(await claims().dueDeliveries(at(2), 10)).toEqual([early.delivery, late.delivery, now.delivery, future.delivery]);
      expect(await claims().dueDeliveries(at(-5), 10)).toEqual([]);
    });

    test('markDelivered takes it out of the outbox and marks the claim DELIVERED', async () => {
      const { claim } = await grantWithDelivery(at(-1));
      const other = await grantWithDelivery(at(-1));
      await claims().markDelivered(claim.id, at(0));
      expect(await claims().dueDeliveries(at(10), 10)).toEqual([other.delivery]);
      expect(await claims().findById(claim.id)).toEqual({ ...claim, delivery: DeliveryStatus.DELIVERED });
      expect((await claims().findById(other.claim.id))?.delivery).toBe(DeliveryStatus.PENDING);
    });

    test('markDeliveryFailed counts the attempt, keeps the error and postpones it', async () => {
      const { claim, delivery } = await grantWithDelivery(at(-1));
      await claims().markDeliveryFailed(claim.id, 'users is down', at(1));
      expect(await claims().dueDeliveries(at(0), 10)).toEqual([]);
      expect(await claims().dueDeliveries(at(1), 10)).toEqual([{ ...delivery, attempts: 1, lastError: 'users is down', nextAttemptAt: at(1) }]);
      await claims().markDeliveryFailed(claim.id, 'still down', at(2));
      expect(await claims().dueDeliveries(at(2), 10)).toEqual([{ ...delivery, attempts: 2, lastError: 'still down', nextAttemptAt: at(2) }]);
      expect((await claims().findById(claim.id))?.delivery).toBe(DeliveryStatus.PENDING);
    });

    test('deliveryBacklog: how many are undelivered and when the oldest of them was granted', async () => {
      expect(await claims().deliveryBacklog()).toEqual({ pending: 0, oldestGrantedAt: null });
      // Ids are minted at grant time, so the first granted is the oldest.
      const first = await grantWithDelivery(at(-1));
      await claims().markDeliveryFailed(first.claim.id, 'users is down', at(5));
      const [event] = await inserted(eventRecord());
      const second = grantedClaim(event!, newId(), { createdAt: at(2) });
      expect(await claims().grant(second, deliveryFor(second, { nextAttemptAt: at(3) }))).toMatchObject({ outcome: 'granted' });
      await claims().recordRejection(rejectedClaim(event!.id));
      expect(await claims().deliveryBacklog()).toEqual({ pending: 2, oldestGrantedAt: at(0) });
      await claims().markDelivered(first.claim.id, at(4));
      expect(await claims().deliveryBacklog()).toEqual({ pending: 1, oldestGrantedAt: at(2) });
      await claims().markDelivered(second.id, at(4));
      expect(await claims().deliveryBacklog()).toEqual({ pending: 0, oldestGrantedAt: null });
    });

    test('deliveryBacklog: a FAILED delivery (users refused it) is not backlog until requeued', async () => {
      const refused = await grantWithDelivery(at(-1));
      const [event] = await inserted(eventRecord());
      const later = grantedClaim(event!, newId(), { createdAt: at(2) });
      expect(await claims().grant(later, deliveryFor(later, { nextAttemptAt: at(3) }))).toMatchObject({ outcome: 'granted' });
      await claims().markDeliveryRefused(refused.claim.id, 'a balance would exceed its maximum', at(1));
      expect(await claims().deliveryBacklog()).toEqual({ pending: 1, oldestGrantedAt: at(2) });
      await claims().markDelivered(later.id, at(4));
      expect(await claims().deliveryBacklog()).toEqual({ pending: 0, oldestGrantedAt: null });
      expect(await claims().requeueDelivery(refused.claim.id, at(5))).toBe(true);
      expect(await claims().deliveryBacklog()).toEqual({ pending: 1, oldestGrantedAt: at(0) });
    });

    test('leaseDueDeliveries takes due ones, oldest first, and moves them to the lease end: a second taker gets none', async () => {
      const late = await grantWithDelivery(at(-1));
      const early = await grantWithDelivery(at(-3));
      await grantWithDelivery(at(1));
      expect(await claims().leaseDueDeliveries(at(0), 10, at(2))).toEqual([{ ...early.delivery, nextAttemptAt: at(2) }, { ...late.delivery, nextAttemptAt: at(2) }]);
      expect(await claims().leaseDueDeliveries(at(0), 10, at(2))).toEqual([]);
      // A lease that ran out (its instance died) is due again.
      expect(ids((await claims().leaseDueDeliveries(at(2), 10, at(3))).map((d) => ({ id: d.claimId })))).toHaveLength(3);
    });

    test('leases taken at once by several takers never hand one delivery out twice', async () => {
      for (let i = 0; i < 6; i++) await grantWithDelivery(at(-1));
      const batches = await Promise.all(Array.from({ length: 4 }, () => claims().leaseDueDeliveries(at(0), 3, at(1))));
      const taken = batches.flat().map((delivery) => delivery.claimId);
      expect(taken).toHaveLength(6);
      expect(new Set(taken).size).toBe(6);
    });

    test('markDeliveryFailed keeps the reason on the claim for staff; delivery clears it', async () => {
      const { claim } = await grantWithDelivery(at(-1));
      await claims().markDeliveryFailed(claim.id, 'users is down', at(1));
      expect(await claims().findById(claim.id)).toMatchObject({ delivery: DeliveryStatus.PENDING, deliveryError: 'users is down' });
      await claims().markDelivered(claim.id, at(1));
      expect(await claims().findById(claim.id)).toMatchObject({ delivery: DeliveryStatus.DELIVERED, deliveryError: null });
    });

    test('markDeliveryRefused makes it FAILED with the reason: out of the outbox until requeued', async () => {
      const { claim, delivery } = await grantWithDelivery(at(-1));
      await claims().markDeliveryRefused(claim.id, 'a balance would exceed its maximum', at(0));
      expect(await claims().findById(claim.id)).toMatchObject({ delivery: DeliveryStatus.FAILED, deliveryError: 'a balance would exceed its maximum' });
      expect(await claims().dueDeliveries(at(100), 10)).toEqual([]);
      expect(await claims().leaseDueDeliveries(at(100), 10, at(101))).toEqual([]);
      // A late transient failure changes nothing.
      await claims().markDeliveryFailed(claim.id, 'late', at(1));
      expect(await claims().dueDeliveries(at(100), 10)).toEqual([]);

      expect(await claims().requeueDelivery(claim.id, at(2))).toBe(true);
      expect(await claims().requeueDelivery(claim.id, at(2))).toBe(false);
      expect((await claims().findById(claim.id))?.delivery).toBe(DeliveryStatus.PENDING);
      expect(await claims().dueDeliveries(at(2), 10)).toEqual([{ ...delivery, attempts: 0, lastError: 'a balance would exceed its maximum', nextAttemptAt: at(2) }]);
    });

    test('requeueDelivery refuses pending and delivered deliveries', async () => {
      const pending = await grantWithDelivery(at(-1));
      const delivered = await grantWithDelivery(at(-1));
      await claims().markDelivered(delivered.claim.id, at(0));
      expect(await claims().requeueDelivery(pending.claim.id, at(1))).toBe(false);
      expect(await claims().requeueDelivery(delivered.claim.id, at(1))).toBe(false);
      expect(await claims().requeueDelivery(newId(), at(1))).toBe(false);
      expect((await claims().findById(delivered.claim.id))?.delivery).toBe(DeliveryStatus.DELIVERED);
    });

    test('a failure reported after delivery changes nothing', async () => {
      const { claim } = await grantWithDelivery(at(-1));
      await claims().markDelivered(claim.id, at(0));
      await claims().markDeliveryFailed(claim.id, 'late failure', at(-1));
      expect(await claims().dueDeliveries(at(10), 10)).toEqual([]);
      expect((await claims().findById(claim.id))?.delivery).toBe(DeliveryStatus.DELIVERED);
    });
  });
});
