import { newId } from '@platform/shared';
import { ClaimStatus } from '../../../subgraphs/events/src/schema/enums';
import type { ClaimQuery } from '../../../subgraphs/events/src/store/event-query';
import type { ClaimRecord, EventRecord } from '../../../subgraphs/events/src/store/records';
import { adapters, useEventsStores, at, eventRecord, grantedClaim, rejectedClaim, byId, ids, newestFirst } from './fixtures';

describe.each(adapters)('$name events stores', (adapter) => {
  const { claims, inserted, grant } = useEventsStores(adapter);

  describe('ClaimStore reads', () => {
    test('findByIds, findGrantedForUser and findByIdempotencyKey', async () => {
      const [a, b, c] = await inserted(eventRecord(), eventRecord(), eventRecord());
      const userId = newId();
      const grantA = grantedClaim(a!, userId, { idempotencyKey: 'x' });
      const grantC = grantedClaim(c!, userId);
      await grant(a!, grantA);
      await grant(c!, grantC);
      const rejectedB = rejectedClaim(b!.id, userId);
      await claims().recordRejection(rejectedB);
      const othersGrant = grantedClaim(b!, newId());
      await grant(b!, othersGrant);

      expect(byId(await claims().findByIds([grantA.id, rejectedB.id, newId()]))).toEqual(byId([grantA, rejectedB]));
      expect(byId(await claims().findGrantedForUser(userId, [a!.id, b!.id, c!.id]))).toEqual(byId([grantA, grantC]));
      expect(await claims().findGrantedForUser(userId, [b!.id])).toEqual([]);
      expect(await claims().findGrantedForUser(userId, [])).toEqual([]);
      expect(await claims().findByIdempotencyKey(userId, 'x')).toEqual(grantA);
      expect(await claims().findByIdempotencyKey(newId(), 'x')).toBeNull();
      expect(await claims().findByIdempotencyKey(userId, 'y')).toBeNull();
      expect(await claims().findById(newId())).toBeNull();
    });

    describe('list and count', () => {
      let all: ClaimRecord[];
      let eventA: EventRecord;
      let userX: string;

      beforeEach(async () => {
        eventA = eventRecord();
        const eventB = eventRecord();
        await inserted(eventA, eventB);
        userX = newId();
        // Several claims share a createdAt: ties are broken by id, descending.
        const specs: { event: EventRecord; userId: string; hours: number; granted: boolean }[] = [
          { event: eventA, userId: userX, hours: 0, granted: false },
          { event: eventA, userId: userX, hours: 1, granted: true },
          { event: eventA, userId: newId(), hours: 1, granted: true },
          { event: eventA, userId: newId(), hours: 1, granted: false },
          { event: eventB, userId: userX, hours: 2, granted: false },
          { event: eventB, userId: newId(), hours: -1, granted: true },
          { event: eventB, userId: userX, hours: 3, granted: true },
        ];
        all = [];
        for (const spec of specs) {
          const claim = spec.granted ? grantedClaim(spec.event, spec.userId, { createdAt: at(spec.hours) }) : rejectedClaim(spec.event.id, spec.userId, { createdAt: at(spec.hours) });
          if (spec.granted) expect(await grant(spec.event, claim)).toMatchObject({ outcome: 'granted' });
          else expect(await claims().recordRejection(claim)).toBe(true);
          all.push(claim);
        }
      });

      async function pageAll(query: Omit<ClaimQuery, 'limit' | 'before'>, limit: number): Promise<string[]> {
        const seen: string[] = [];
        let before: ClaimQuery['before'];
        for (let guard = 0; guard < 20; guard++) {
          const page = await claims().list({ ...query, limit, ...(before ? { before } : {}) });
          seen.push(...ids(page));
          const last = page.at(-1);
          if (page.length < limit || !last) return seen;
          before = { createdAt: last.createdAt, id: last.id };
        }
        throw new Error('paging did not end');
      }

      test('newest first by (createdAt, id), keyset-paged with before; count ignores paging', async () => {
        const expected = ids(newestFirst(all));
        expect(ids(await claims().list({ limit: 100 }))).toEqual(expected);
        expect(await pageAll({}, 2)).toEqual(expected);
        expect(await pageAll({}, 3)).toEqual(expected);
        expect(await claims().count({})).toBe(all.length);
      });

      test('filters by event, user, status and createdAt range, alone and together', async () => {
        const cases: Omit<ClaimQuery, 'limit' | 'before'>[] = [
          { eventId: eventA.id },
          { userId: userX },
          { status: ClaimStatus.GRANTED },
          { status: ClaimStatus.REJECTED },
          { createdAt: { gt: at(0), lt: at(3) } },
          { createdAt: { gte: at(1), lte: at(2) } },
          { eventId: eventA.id, userId: userX, status: ClaimStatus.GRANTED },
          { userId: userX, createdAt: { lt: at(2) } },
        ];
        for (const query of cases) {
          const matching = all.filter(
            (claim) =>
              (!query.eventId || claim.eventId === query.eventId) &&
              (!query.userId || claim.userId === query.userId) &&
              (!query.status || claim.status === query.status) &&
              (!query.createdAt?.gt || claim.createdAt > query.createdAt.gt) &&
              (!query.createdAt?.gte || claim.createdAt >= query.createdAt.gte) &&
              (!query.createdAt?.lt || claim.createdAt < query.createdAt.lt) &&
              (!query.createdAt?.lte || claim.createdAt <= query.createdAt.lte),
          );
          expect(matching.length).toBeGreaterThan(0);
          expect(await pageAll(query, 2)).toEqual(ids(newestFirst(matching)));
          expect(await claims().count(query)).toBe(matching.length);
        }
        expect(await claims().count({ eventId: newId() })).toBe(0);
      });

      test('claims read back whole from the list, rejected ones with no rewards or delivery', async () => {
        expect(byId(await claims().list({ limit: 100 }))).toEqual(byId(all));
      });
    });
  });

});
