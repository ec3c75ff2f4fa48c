import { newId } from '@platform/shared';
import type { EventQuery } from '../../../subgraphs/events/src/store/event-query';
import type { EventEdit } from '../../../subgraphs/events/src/store/ports';
import type { EventRecord } from '../../../subgraphs/events/src/store/records';
import { adapters, useEventsStores, at, ALL_CHALLENGES, ALL_REWARDS, eventRecord, grantedClaim, byId, ids, listOrder } from './fixtures';

if (!process.env['MONGODB_URI']) {
  describe.skip('mongodb events stores (set MONGODB_URI to a replica set to run this contract against MongoDB)', () => {
    test('contract', () => undefined);
  });
}

describe.each(adapters)('$name events stores', (adapter) => {
  const { events, stock, inserted, grant } = useEventsStores(adapter);

  describe('EventStore', () => {
    test('insert then findById and findByIds return the record as written, every challenge and reward kind with its fields', async () => {
      const full = eventRecord({ description: 'All kinds', challenges: ALL_CHALLENGES, rewards: ALL_REWARDS, claimLimit: 10, claimsRemaining: 10, isPublic: false });
      const plain = eventRecord();
      await inserted(full, plain);
      expect(await events().findById(full.id)).toEqual(full);
      expect(await events().findById(plain.id)).toEqual(plain);
      expect(byId(await events().findByIds([plain.id, full.id, newId()]))).toEqual(byId([full, plain]));
      expect(await events().findByIds([])).toEqual([]);
    });

    test('findById is null for an id never inserted', async () => {
      await inserted(eventRecord());
      expect(await events().findById(newId())).toBeNull();
    });

    test('inserting the same id twice fails and keeps the first', async () => {
      const [event] = await inserted(eventRecord({ title: 'first' }));
      await expect(events().insert({ ...event!, title: 'second' })).rejects.toThrow();
      expect((await events().findById(event!.id))?.title).toBe('first');
    });

    test('records handed out are copies: changing one does not change the store', async () => {
      const [event] = await inserted(eventRecord({ challenges: [{ kind: 'LoginStreakChallenge', days: 3 }] }));
      const read = (await events().findById(event!.id))!;
      read.title = 'changed';
      (read.challenges[0] as { days: number }).days = 99;
      expect(await events().findById(event!.id)).toEqual(event);
    });

    test('list: ordered by startsAt then id, keyset-paged with after, limit respected', async () => {
      const all = await inserted(...[3, 1, 1, -2, 1, 5, 3].map((hours, i) => eventRecord({ title: `e${i}`, startsAt: at(hours), endsAt: at(hours + 48) })));
      const expected = ids(listOrder(all));
      const seen: string[] = [];
      let after: EventQuery['after'];
      for (let guard = 0; guard < 10; guard++) {
        const page = await events().list({ limit: 2, ...(after ? { after } : {}) });
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page));
        const last = page.at(-1);
        if (page.length < 2 || !last) break;
        after = { startsAt: last.startsAt, id: last.id };
      }
      expect(seen).toEqual(expected);
      expect(ids(await events().list({ limit: 100 }))).toEqual(expected);
      expect(ids(await events().list({ limit: 3 }))).toEqual(expected.slice(0, 3));
    });

    test('list: after a tie continues with the next id at the same startsAt', async () => {
      const tied = await inserted(eventRecord({ startsAt: at(1) }), eventRecord({ startsAt: at(1) }), eventRecord({ startsAt: at(1) }));
      const [first, second, third] = listOrder(tied);
      expect(ids(await events().list({ limit: 10, after: { startsAt: first!.startsAt, id: first!.id } }))).toEqual([second!.id, third!.id]);
    });

    describe('list filters', () => {
      let e: Record<'publicRunning' | 'privateRunning' | 'publicInactive' | 'publicFuture' | 'publicPast', EventRecord>;

      beforeEach(async () => {
        e = {
          publicPast: eventRecord({ startsAt: at(-10), endsAt: at(-5) }),
          privateRunning: eventRecord({ startsAt: at(-2), endsAt: at(2), isPublic: false }),
          publicRunning: eventRecord({ startsAt: at(-1), endsAt: at(1) }),
          publicInactive: eventRecord({ startsAt: at(0), endsAt: at(3), active: false }),
          publicFuture: eventRecord({ startsAt: at(5), endsAt: at(6) }),
        };
        await inserted(...Object.values(e));
      });

      const list = async (query: Omit<EventQuery, 'limit'>) => ids(await events().list({ limit: 100, ...query }));

      test('isPublic and active', async () => {
        expect(await list({ isPublic: false })).toEqual([e.privateRunning.id]);
        expect(await list({ isPublic: true })).toEqual(ids([e.publicPast, e.publicRunning, e.publicInactive, e.publicFuture]));
        expect(await list({ active: false })).toEqual([e.publicInactive.id]);
        expect(await list({ isPublic: true, active: true })).toEqual(ids([e.publicPast, e.publicRunning, e.publicFuture]));
      });

      test('startsAt ranges: gt, gte, lt, lte', async () => {
        expect(await list({ startsAt: { gt: at(-1) } })).toEqual(ids([e.publicInactive, e.publicFuture]));
        expect(await list({ startsAt: { gte: at(-1) } })).toEqual(ids([e.publicRunning, e.publicInactive, e.publicFuture]));
        expect(await list({ startsAt: { lt: at(-1) } })).toEqual(ids([e.publicPast, e.privateRunning]));
        expect(await list({ startsAt: { lte: at(-1) } })).toEqual(ids([e.publicPast, e.privateRunning, e.publicRunning]));
        expect(await list({ startsAt: { gt: at(-10), lt: at(5) } })).toEqual(ids([e.privateRunning, e.publicRunning, e.publicInactive]));
      });

      test('endsAt ranges', async () => {
        expect(await list({ endsAt: { lte: at(1) } })).toEqual(ids([e.publicPast, e.publicRunning]));
        expect(await list({ endsAt: { gt: at(1) } })).toEqual(ids([e.privateRunning, e.publicInactive, e.publicFuture]));
      });

      test('running at a moment: startsAt <= now < endsAt, combined with visibility and paging', async () => {
        const running = { startsAt: { lte: at(0) }, endsAt: { gt: at(0) } };
        expect(await list(running)).toEqual(ids([e.privateRunning, e.publicRunning, e.publicInactive]));
        expect(await list({ ...running, isPublic: true, active: true })).toEqual([e.publicRunning.id]);
        expect(await list({ ...running, after: { startsAt: e.privateRunning.startsAt, id: e.privateRunning.id } })).toEqual(ids([e.publicRunning, e.publicInactive]));
      });
    });

    describe('update', () => {
      const rename = (title: string): EventEdit => ({ fields: { title }, changesContent: false });

      test('writes the fields when the version matches, bumps it, and returns the stored event', async () => {
        const [event] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }));
        const edit: EventEdit = { fields: { title: 'Renamed', description: 'new', rewards: ALL_REWARDS, challenges: ALL_CHALLENGES, updatedAt: at(1) }, changesContent: true };
        const expected = { ...event!, title: 'Renamed', description: 'new', rewards: ALL_REWARDS, challenges: ALL_CHALLENGES, updatedAt: at(1), version: 1 };
        expect(await events().update(event!.id, 0, edit)).toEqual({ outcome: 'updated', event: expected });
        expect(await events().findById(event!.id)).toEqual(expected);
        // A second writer that read version 0 loses and writes nothing.
        expect(await events().update(event!.id, 0, rename('Late'))).toEqual({ outcome: 'changed' });
        expect(await events().update(event!.id, 1, rename('Next'))).toMatchObject({ outcome: 'updated', event: { title: 'Next', version: 2 } });
        expect(await events().update(newId(), 0, rename('Ghost'))).toEqual({ outcome: 'not-found' });
      });

      test('grants never block an edit: the version does not move with them', async () => {
        const [event] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }));
        expect(await events().freeze(event!.id, 0)).toBe(true);
        expect(await stock().reserve(event!.id, 0, newId(), at(0))).toEqual({ outcome: 'reserved' });
        expect(await grant(event!, grantedClaim(event!))).toMatchObject({ outcome: 'granted' });
        expect(await events().update(event!.id, 0, rename('Busy'))).toMatchObject({ outcome: 'updated', event: { title: 'Busy', version: 1, claimsRemaining: 4 } });
      });

      test('content changes are refused once frozen; other fields still change', async () => {
        const [event] = await inserted(eventRecord());
        expect(await events().freeze(event!.id, 0)).toBe(true);
        expect(await events().update(event!.id, 0, { fields: { rewards: ALL_REWARDS }, changesContent: true })).toEqual({ outcome: 'frozen' });
        expect(await events().findById(event!.id)).toMatchObject({ version: 0, frozen: true, rewards: event!.rewards });
        expect(await events().update(event!.id, 0, rename('Still editable'))).toMatchObject({ outcome: 'updated', event: { frozen: true, version: 1 } });
      });

      test('a limit moves the stock by the same amount, without overwriting units taken meanwhile; never below zero', async () => {
        const [event] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }));
        await stock().reserve(event!.id, 0, newId(), at(0));
        await stock().reserve(event!.id, 0, newId(), at(0));
        expect(await events().update(event!.id, 0, { fields: {}, changesContent: false, stock: { kind: 'adjust', claimLimit: 8, by: 3 } })).toMatchObject({ outcome: 'updated', event: { claimLimit: 8, claimsRemaining: 6 } });
        expect(await events().update(event!.id, 1, { fields: {}, changesContent: false, stock: { kind: 'adjust', claimLimit: 1, by: -7 } })).toMatchObject({ outcome: 'stock-too-low', event: { claimLimit: 8, claimsRemaining: 6 } });
        expect(await events().update(event!.id, 1, { fields: {}, changesContent: false, stock: { kind: 'adjust', claimLimit: 2, by: -6 } })).toMatchObject({ outcome: 'updated', event: { claimLimit: 2, claimsRemaining: 0, version: 2 } });
      });

      test('unlimited drops the stock and reservations; set starts a new stock, held when frozen', async () => {
        const [event] = await inserted(eventRecord({ claimLimit: 5, claimsRemaining: 5 }));
        const claimId = newId();
        await stock().reserve(event!.id, 0, claimId, at(0));
        expect(await events().update(event!.id, 0, { fields: {}, changesContent: false, stock: { kind: 'unlimited' } })).toMatchObject({ outcome: 'updated', event: { claimLimit: null, claimsRemaining: null } });
        expect(await stock().release(event!.id, claimId, true)).toBe(false);
        expect(await stock().reservationsBefore(at(10), 10)).toEqual([]);
        // Set is conditional on the freeze the service saw.
        expect(await events().update(event!.id, 1, { fields: {}, changesContent: false, stock: { kind: 'set', claimLimit: 3, remaining: 3, settlesAt: null, frozen: true } })).toEqual({ outcome: 'changed' });
        expect(await events().update(event!.id, 1, { fields: {}, changesContent: false, stock: { kind: 'set', claimLimit: 3, remaining: 3, settlesAt: null, frozen: false } })).toMatchObject({ outcome: 'updated', event: { claimLimit: 3, claimsRemaining: 3, stockSettlesAt: null } });
        await events().freeze(event!.id, 2);
        expect(await events().update(event!.id, 2, { fields: {}, changesContent: false, stock: { kind: 'set', claimLimit: 4, remaining: 0, settlesAt: at(1), frozen: true } })).toMatchObject({ outcome: 'updated', event: { claimLimit: 4, claimsRemaining: 0, stockSettlesAt: at(1) } });
      });
    });

    describe('freeze', () => {
      test('sets frozen once, only at the version the grant was evaluated against', async () => {
        const [event] = await inserted(eventRecord());
        expect(await events().freeze(event!.id, 1)).toBe(false);
        expect(await events().findById(event!.id)).toMatchObject({ frozen: false, version: 0 });
        expect(await events().freeze(event!.id, 0)).toBe(true);
        expect(await events().freeze(event!.id, 0)).toBe(true);
        expect(await events().findById(event!.id)).toMatchObject({ frozen: true, version: 0 });
        expect(await events().freeze(newId(), 0)).toBe(false);
      });
    });
  });

});
