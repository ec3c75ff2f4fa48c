import { newId } from '@platform/shared';
import type { ClaimQuery, DateRange } from '../src/store/event-query';
import { inRange } from '../src/store/event-query';
import { createMemoryEventsStores } from '../src/store/memory';
import type { ClaimRecord } from '../src/store/records';
import { ClaimRejectionReason, ClaimStatus } from '../src/schema/enums';

/**
 * The memory store's ordered indexes answer list and count exactly as a full scan and sort
 * would: seeded random claims (times out of order and repeated, several events, users and
 * both statuses) against a brute-force reference, over every combination of conditions.
 */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const newestFirst = (a: ClaimRecord, b: ClaimRecord) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function reference(claims: readonly ClaimRecord[], query: Omit<ClaimQuery, 'limit'>): ClaimRecord[] {
  return claims
    .filter(
      (claim) =>
        (query.eventId === undefined || claim.eventId === query.eventId) &&
        (query.userId === undefined || claim.userId === query.userId) &&
        (query.status === undefined || claim.status === query.status) &&
        (query.rejectionReason === undefined || claim.rejectionReason === query.rejectionReason) &&
        inRange(claim.createdAt, query.createdAt) &&
        (!query.before || newestFirst(claim, { ...claim, createdAt: query.before.createdAt, id: query.before.id }) > 0),
    )
    .sort(newestFirst);
}

test('list and count match a full scan for every combination of conditions (rejection reason included), ranges and cursors', async () => {
  const random = seeded(42);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const { claims: store } = createMemoryEventsStores();
  const events = [newId(), newId(), newId()];
  const users = Array.from({ length: 7 }, () => newId());
  const base = Date.UTC(2030, 0, 1);
  const inserted: ClaimRecord[] = [];
  for (let i = 0; i < 400; i++) {
    // Mostly increasing times (the clock), sometimes late or equal ones (the splice path).
    const time = random() < 0.8 ? base + i * 1000 : base + Math.floor(random() * 400) * 1000;
    const claim: ClaimRecord = {
      id: newId(),
      eventId: pick(events),
      userId: pick(users),
      status: ClaimStatus.GRANTED,
      rejectionReason: null,
      rewards: [],
      delivery: null,
      idempotencyKey: null,
      createdAt: new Date(time),
      period: null,
      eventVersion: null,
      deliveryError: null,
    };
    if (random() >= 0.7) Object.assign(claim, { status: ClaimStatus.REJECTED, rejectionReason: pick([ClaimRejectionReason.SOLD_OUT, ClaimRejectionReason.CHALLENGE_NOT_MET]) });
    await store.recordRejection(claim);
    inserted.push(claim);
  }

  const ranges: (DateRange | undefined)[] = [
    undefined,
    { gt: new Date(base + 100_000) },
    { lt: new Date(base + 250_000) },
    { gt: new Date(base + 50_000), lt: new Date(base + 300_000) },
    { gte: new Date(base + 120_000), lte: new Date(base + 120_000) },
  ];
  let compared = 0;
  for (const eventId of [undefined, events[0], 'missing']) {
    for (const userId of [undefined, users[0]]) {
      for (const [status, rejectionReason] of [[undefined, undefined], [ClaimStatus.REJECTED, undefined], [undefined, ClaimRejectionReason.SOLD_OUT]] as const) {
        for (const createdAt of ranges) {
          const conditions = { ...(eventId ? { eventId } : {}), ...(userId ? { userId } : {}), ...(status ? { status } : {}), ...(rejectionReason ? { rejectionReason } : {}), ...(createdAt ? { createdAt } : {}) };
          const expected = reference(inserted, conditions);
          expect(await store.count(conditions)).toBe(expected.length);
          // Page through with cursors, as the service does.
          const seen: string[] = [];
          let before: ClaimQuery['before'];
          for (;;) {
            const page = await store.list({ ...conditions, ...(before ? { before } : {}), limit: 17 });
            seen.push(...page.map((claim) => claim.id));
            if (page.length < 17) break;
            const last = page[page.length - 1]!;
            before = { createdAt: last.createdAt, id: last.id };
          }
          expect(seen).toEqual(expected.map((claim) => claim.id));
          compared += 1;
        }
      }
    }
  }
  expect(compared).toBe(90);
});
