import { newId } from '@platform/shared';
import { ClaimPeriod, ClaimRejectionReason } from '../../../subgraphs/events/src/schema/enums';
import type { EventEdit } from '../../../subgraphs/events/src/store/ports';
import type { EventRecord } from '../../../subgraphs/events/src/store/records';
import { adapters, useEventsStores, at, eventRecord, grantedClaim, rejectedClaim } from './fixtures';

describe.each(adapters)('$name events stores', (adapter) => {
  const { events, claims, stock, inserted, grant } = useEventsStores(adapter);

  describe('claim periods', () => {
    const daily = (overrides: Partial<EventRecord> = {}) => eventRecord({ claimPeriod: ClaimPeriod.DAILY, claimsRemaining: null, ...overrides });

    test('a periodic event keeps its claimPeriod; a grant keeps its period key, ONCE grants none', async () => {
      const [event, once] = await inserted(daily({ claimLimit: 5, claimsRemaining: null }), eventRecord());
      expect((await events().findById(event!.id))?.claimPeriod).toBe(ClaimPeriod.DAILY);
      const claim = grantedClaim(event!, newId(), { period: '2026-11-22' });
      expect(await grant(event!, claim)).toMatchObject({ outcome: 'granted' });
      expect(await claims().findById(claim.id)).toEqual(claim);
      const onceClaim = grantedClaim(once!);
      expect(await grant(once!, onceClaim)).toMatchObject({ outcome: 'granted' });
      expect((await claims().findById(onceClaim.id))?.period).toBeNull();
    });

    test('one grant per (event, user, period): the same period is already-claimed, the next one is granted', async () => {
      const [event] = await inserted(daily());
      const userId = newId();
      const day1 = grantedClaim(event!, userId, { period: '2026-11-22' });
      expect(await grant(event!, day1)).toMatchObject({ outcome: 'granted' });
      expect(await grant(event!, grantedClaim(event!, userId, { period: '2026-11-22' }))).toEqual({ outcome: 'already-claimed' });
      const day2 = grantedClaim(event!, userId, { period: '2026-11-23', createdAt: at(1) });
      expect(await grant(event!, day2)).toMatchObject({ outcome: 'granted' });
      expect(await claims().findGranted(event!.id, userId, '2026-11-22')).toEqual(day1);
      expect(await claims().findGranted(event!.id, userId, '2026-11-23')).toEqual(day2);
      expect(await claims().findGranted(event!.id, userId, '2026-11-24')).toBeNull();
      expect(await claims().findGranted(event!.id, userId, null)).toBeNull();
      // myClaim: the newest grant of the event.
      expect(await claims().findGrantedForUser(userId, [event!.id])).toEqual([day2]);
      expect(await claims().countGranted(event!.id)).toBe(2);
    });

    test('one user racing 20 grants in one period gets exactly one; a second period one more', async () => {
      const [event] = await inserted(daily());
      const userId = newId();
      const race = (period: string) => Promise.all(Array.from({ length: 20 }, () => grant(event!, grantedClaim(event!, userId, { period }))));
      const first = await race('2026-W47');
      expect(first.filter(({ outcome }) => outcome === 'granted')).toHaveLength(1);
      expect(first.filter(({ outcome }) => outcome === 'already-claimed')).toHaveLength(19);
      const second = await race('2026-W48');
      expect(second.filter(({ outcome }) => outcome === 'granted')).toHaveLength(1);
      expect(await claims().countGranted(event!.id)).toBe(2);
    });

    test('per-period stock: a period is full at the limit, the next one starts full; units given back return', async () => {
      const [event] = await inserted(daily({ claimLimit: 2 }));
      const [a, b, c, d] = [newId(), newId(), newId(), newId()];
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(0);
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 2, a, at(0))).toEqual({ outcome: 'reserved' });
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 2, b, at(0))).toEqual({ outcome: 'reserved' });
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 2, c, at(0))).toEqual({ outcome: 'sold-out' });
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(2);
      // A new period starts full; the event's own stock is not touched.
      expect(await stock().reservePeriod(event!.id, '2026-11-23', 2, d, at(1))).toEqual({ outcome: 'reserved' });
      expect(await stock().takenInPeriod(event!.id, '2026-11-23')).toBe(1);
      expect((await events().findById(event!.id))?.claimsRemaining).toBeNull();
      // Ending a reservation: once; giving back frees the unit.
      expect(await stock().releasePeriod(event!.id, '2026-11-22', a, true)).toBe(true);
      expect(await stock().releasePeriod(event!.id, '2026-11-22', a, true)).toBe(false);
      expect(await stock().releasePeriod(event!.id, '2026-11-22', b, false)).toBe(true);
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(1);
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 2, c, at(0))).toEqual({ outcome: 'reserved' });
      // A raised limit applies at once.
      expect(await stock().reservePeriod(event!.id, '2026-11-22', 3, newId(), at(0))).toEqual({ outcome: 'reserved' });
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(3);
    });

    test('per-period stock never oversells under 20 parallel reservations, the first of the period included', async () => {
      const [event] = await inserted(daily({ claimLimit: 5 }));
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => stock().reservePeriod(event!.id, '2026-11-22', 5, newId(), at(0))));
      expect(outcomes.filter(({ outcome }) => outcome === 'reserved')).toHaveLength(5);
      expect(outcomes.filter(({ outcome }) => outcome === 'sold-out')).toHaveLength(15);
      expect(await stock().takenInPeriod(event!.id, '2026-11-22')).toBe(5);
    });

    test('reservationsBefore lists period reservations with their period, for the reconciler', async () => {
      const [event, once] = await inserted(daily({ claimLimit: 3 }), eventRecord({ claimLimit: 3, claimsRemaining: 3 }));
      const [old, recent, ofOnce] = [newId(), newId(), newId()];
      await stock().reservePeriod(event!.id, '2026-11-22', 3, old, at(-2));
      await stock().reservePeriod(event!.id, '2026-11-22', 3, recent, at(1));
      await stock().reserve(once!.id, 0, ofOnce, at(-1));
      expect(await stock().reservationsBefore(at(0), 10)).toEqual([
        { eventId: event!.id, period: '2026-11-22', claimId: old, at: at(-2) },
        { eventId: once!.id, period: null, claimId: ofOnce, at: at(-1) },
      ]);
    });

    test('a limit edit on a periodic event changes the limit only; toggling limited needs an unfrozen event', async () => {
      const [event] = await inserted(daily({ claimLimit: 2 }));
      const edit = (claimLimit: number | null, requireUnfrozen: boolean): EventEdit => ({
        fields: {},
        changesContent: false,
        stock: { kind: 'period-limit', claimLimit, requireUnfrozen },
      });
      const raised = await events().update(event!.id, 0, edit(4, false));
      expect(raised).toMatchObject({ outcome: 'updated', event: { claimLimit: 4, claimsRemaining: null, version: 1 } });
      expect(await events().freeze(event!.id, 1)).toBe(true);
      expect(await events().update(event!.id, 1, edit(null, true))).toEqual({ outcome: 'changed' });
      expect((await events().findById(event!.id))?.claimLimit).toBe(4);
    });
  });

  describe('ClaimStore.recordRejection', () => {
    test('stores rejected attempts, which never hold the one-grant slot', async () => {
      const [event] = await inserted(eventRecord({ claimLimit: 1, claimsRemaining: 1 }));
      const userId = newId();
      const first = rejectedClaim(event!.id, userId);
      const second = rejectedClaim(event!.id, userId, { rejectionReason: ClaimRejectionReason.EVENT_NOT_STARTED });
      expect(await claims().recordRejection(first)).toBe(true);
      expect(await claims().recordRejection(second)).toBe(true);
      expect(await claims().findById(first.id)).toEqual(first);
      expect(await claims().findGranted(event!.id, userId, null)).toBeNull();
      expect(await events().findById(event!.id)).toMatchObject({ claimsRemaining: 1 });
      expect(await grant(event!, grantedClaim(event!, userId))).toMatchObject({ outcome: 'granted' });
      expect(await claims().count({ eventId: event!.id, userId })).toBe(3);
    });

    test('returns false, storing nothing, for a key the user already used', async () => {
      const [event] = await inserted(eventRecord());
      const userId = newId();
      expect(await claims().recordRejection(rejectedClaim(event!.id, userId, { idempotencyKey: 'r-1' }))).toBe(true);
      const again = rejectedClaim(event!.id, userId, { idempotencyKey: 'r-1' });
      expect(await claims().recordRejection(again)).toBe(false);
      expect(await claims().findById(again.id)).toBeNull();
      expect(await grant(event!, grantedClaim(event!, userId, { idempotencyKey: 'g-1' }))).toMatchObject({ outcome: 'granted' });
      expect(await claims().recordRejection(rejectedClaim(event!.id, userId, { idempotencyKey: 'g-1' }))).toBe(false);
      expect(await claims().recordRejection(rejectedClaim(event!.id, newId(), { idempotencyKey: 'g-1' }))).toBe(true);
      expect(await claims().count({ userId })).toBe(2);
    });
  });

});
