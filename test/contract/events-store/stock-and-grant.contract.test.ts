import { newId } from '@platform/shared';
import { adapters, useEventsStores, at, ALL_REWARDS, eventRecord, grantedClaim, rejectedClaim, deliveryFor, ids } from './fixtures';

describe.each(adapters)('$name events stores', (adapter) => {
  const { events, claims, stock, inserted, grant } = useEventsStores(adapter);

  describe('EventStock', () => {
    test('reserve takes one unit per claim while stock lasts, at the evaluated version only', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 2, claimsRemaining: 2 }));
      expect(await stock().reserve(event!.id, 1, newId(), at(0))).toEqual({ outcome: 'event-changed' });
      expect(await stock().reserve(event!.id, 0, newId(), at(0))).toEqual({ outcome: 'reserved' });
      expect(await stock().reserve(event!.id, 0, newId(), at(1))).toEqual({ outcome: 'reserved' });
      expect(await stock().reserve(event!.id, 0, newId(), at(2))).toEqual({ outcome: 'sold-out' });
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 0, version: 0 });
      expect(await stock().reserve(newId(), 0, newId(), at(0))).toEqual({ outcome: 'event-changed' });
    });

    test('many reservations racing for a limited stock: exactly claimLimit taken, never below zero', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 3, claimsRemaining: 3 }));
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => stock().reserve(event!.id, 0, newId(), at(0))));
      expect(outcomes.filter(({ outcome }) => outcome === 'reserved')).toHaveLength(3);
      expect(outcomes.filter(({ outcome }) => outcome === 'sold-out')).toHaveLength(7);
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 0 });
    });

    test('release gives the unit back or keeps it taken, once', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 3, claimsRemaining: 3 }));
      const [refused, granted] = [newId(), newId()];
      await stock().reserve(event!.id, 0, refused, at(0));
      await stock().reserve(event!.id, 0, granted, at(0));
      expect(await stock().release(event!.id, refused, true)).toBe(true);
      expect(await stock().release(event!.id, refused, true)).toBe(false);
      expect(await stock().release(event!.id, granted, false)).toBe(true);
      expect(await stock().release(event!.id, granted, true)).toBe(false);
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 2 });
      expect(await stock().reservationsBefore(at(10), 10)).toEqual([]);
    });

    test('reservationsBefore lists reservations not ended, older than the bound, oldest first', async () => {
      const [a, b] = await inserted(eventRecord({ claimLimit: 3, claimsRemaining: 3 }), eventRecord({ claimLimit: 3, claimsRemaining: 3 }));
      const [old, older, recent, ended] = [newId(), newId(), newId(), newId()];
      await stock().reserve(a!.id, 0, old, at(-1));
      await stock().reserve(b!.id, 0, older, at(-2));
      await stock().reserve(a!.id, 0, recent, at(1));
      await stock().reserve(b!.id, 0, ended, at(-3));
      await stock().release(b!.id, ended, false);
      expect(await stock().reservationsBefore(at(0), 10)).toEqual([
        { eventId: b!.id, period: null, claimId: older, at: at(-2) },
        { eventId: a!.id, period: null, claimId: old, at: at(-1) },
      ]);
      expect(await stock().reservationsBefore(at(0), 1)).toHaveLength(1);
    });

    test('held stock: settling until due, then settled once with the given remaining', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 4, claimsRemaining: 0, frozen: true, stockSettlesAt: at(1) }));
      expect(await stock().reserve(event!.id, 0, newId(), at(0))).toEqual({ outcome: 'settling', until: at(1) });
      expect(await stock().heldStockDue(at(0), 10)).toEqual([]);
      expect(ids(await stock().heldStockDue(at(1), 10))).toEqual([event!.id]);
      expect(await stock().settleHeldStock(event!.id, at(2), 3)).toBe(false);
      expect(await stock().settleHeldStock(event!.id, at(1), 3)).toBe(true);
      expect(await stock().settleHeldStock(event!.id, at(1), 3)).toBe(false);
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 3, stockSettlesAt: null });
      expect(await stock().heldStockDue(at(5), 10)).toEqual([]);
    });
  });

  describe('ClaimStore.grant', () => {
    test('stores the GRANTED claim and its outbox delivery, and writes nothing to the event', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 3, claimsRemaining: 3, rewards: ALL_REWARDS }));
      const claim = grantedClaim(event!, newId(), { idempotencyKey: 'tap-1' });
      const delivery = deliveryFor(claim);
      expect(await claims().grant(claim, delivery)).toEqual({ outcome: 'granted', claim });
      expect(await events().findById(event!.id)).toEqual(event);
      expect(await claims().findById(claim.id)).toEqual(claim);
      expect(await claims().findGranted(event!.id, claim.userId, null)).toEqual(claim);
      expect(await claims().findByIdempotencyKey(claim.userId, 'tap-1')).toEqual(claim);
      expect(await claims().dueDeliveries(at(0), 10)).toEqual([delivery]);
      expect(await claims().countGranted(event!.id)).toBe(1);
    });

    test('countGranted counts GRANTED claims of one event only', async () => {
      const [event, other] = await inserted(eventRecord(), eventRecord());
      for (let i = 0; i < 3; i++) await grant(event!, grantedClaim(event!));
      await grant(other!, grantedClaim(other!));
      await claims().recordRejection(rejectedClaim(event!.id));
      expect(await claims().countGranted(event!.id)).toBe(3);
      expect(await claims().countGranted(newId())).toBe(0);
    });

    test('one grant per (event, user): a second is already-claimed', async () => {
      const [event, other] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }), eventRecord());
      const userId = newId();
      const first = grantedClaim(event!, userId);
      expect(await grant(event!, first)).toMatchObject({ outcome: 'granted' });
      expect(await grant(event!, grantedClaim(event!, userId))).toEqual({ outcome: 'already-claimed' });
      expect(await claims().count({ eventId: event!.id, userId })).toBe(1);
      expect(await claims().dueDeliveries(at(0), 10)).toHaveLength(1);
      // The same user may still be granted another event.
      expect(await grant(other!, grantedClaim(other!, userId))).toMatchObject({ outcome: 'granted' });
    });

    test('many players granted at once on one event all get theirs', async () => {
      const [event] = await inserted(eventRecord());
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => grant(event!, grantedClaim(event!))));
      expect(outcomes.filter(({ outcome }) => outcome === 'granted')).toHaveLength(20);
      expect(await claims().countGranted(event!.id)).toBe(20);
      expect(await claims().dueDeliveries(at(0), 100)).toHaveLength(20);
    });

    test('one user racing several grants for one event gets exactly one', async () => {
      const [event] = await inserted(eventRecord());
      const userId = newId();
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => grant(event!, grantedClaim(event!, userId))));
      expect(outcomes.filter(({ outcome }) => outcome === 'granted')).toHaveLength(1);
      expect(outcomes.filter(({ outcome }) => outcome === 'already-claimed')).toHaveLength(4);
      expect(await claims().countGranted(event!.id)).toBe(1);
    });

    test('event-changed when the event version differs; nothing is written', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 2, claimsRemaining: 2 }));
      expect(await events().update(event!.id, 0, { fields: { title: 'Edited' }, changesContent: false })).toMatchObject({ outcome: 'updated' });
      const claim = grantedClaim(event!);
      expect(await grant(event!, claim, 0)).toEqual({ outcome: 'event-changed' });
      expect(await claims().findById(claim.id)).toBeNull();
      expect(await claims().dueDeliveries(at(0), 10)).toEqual([]);
      expect(await grant(event!, grantedClaim(event!), 1)).toMatchObject({ outcome: 'granted' });
    });

    test('event-not-found for an event that does not exist', async () => {
      const ghost = eventRecord();
      expect(await grant(ghost, grantedClaim(ghost))).toEqual({ outcome: 'event-not-found' });
    });

    test('idempotency-key-used when the user already used the key; the stock is untouched', async () => {
      const [first, second] = await inserted(eventRecord(), eventRecord({ claimLimit: 2, claimsRemaining: 2 }));
      const userId = newId();
      expect(await grant(first!, grantedClaim(first!, userId, { idempotencyKey: 'k-1' }))).toMatchObject({ outcome: 'granted' });
      const reuse = grantedClaim(second!, userId, { idempotencyKey: 'k-1' });
      expect(await grant(second!, reuse)).toEqual({ outcome: 'idempotency-key-used' });
      expect(await events().findById(second!.id)).toMatchObject({ claimsRemaining: 2 });
      expect(await claims().findById(reuse.id)).toBeNull();
      expect(await claims().dueDeliveries(at(0), 10)).toHaveLength(1);
      // Keys are per user.
      expect(await grant(second!, grantedClaim(second!, newId(), { idempotencyKey: 'k-1' }))).toMatchObject({ outcome: 'granted' });
    });
  });

});
