import type { Model } from 'mongoose';
import { newId } from '@platform/shared';
import { storeAdapters, type StoreFixture } from './store-adapters';
import { ClaimPeriod, ClaimRejectionReason, ClaimStatus, Currency, DeliveryStatus } from '../../subgraphs/events/src/schema/enums';
import { createMemoryEventsStores } from '../../subgraphs/events/src/store/memory';
import { createMongoEventsStores, ensureEventsIndexes } from '../../subgraphs/events/src/store/mongo';
import { eventsModels } from '../../subgraphs/events/src/store/mongo/models';
import type { EventsStores } from '../../subgraphs/events/src/store/ports';
import type { ClaimRecord, DeliveryRecord, EventRecord, RevocationRecord } from '../../subgraphs/events/src/store/records';

const adapters = storeAdapters<EventsStores>({
  subgraph: 'events_revocation',
  memory: createMemoryEventsStores,
  mongo: async (connection) => {
    await ensureEventsIndexes(connection);
    return { stores: createMongoEventsStores(connection), models: Object.values(eventsModels(connection)) as Model<never>[] };
  },
});

const T0 = Math.floor(Date.now() / 1000) * 1000;
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const event = (): EventRecord => ({
  id: newId(), title: 'Revocable', description: null, startsAt: at(-60), endsAt: at(600), isPublic: true, active: true, challenges: [],
  rewards: [{ kind: 'CurrencyReward', currency: Currency.COIN, amount: 10 } as EventRecord['rewards'][number]],
  claimLimit: null, claimsRemaining: null, claimPeriod: ClaimPeriod.ONCE, frozen: false, stockSettlesAt: null, createdBy: newId(), createdAt: at(-120), updatedAt: at(-120), version: 0,
});
const claimOf = (e: EventRecord, status = ClaimStatus.GRANTED, userId = newId()): ClaimRecord => ({
  id: newId(), eventId: e.id, userId, status, rejectionReason: status === ClaimStatus.REJECTED ? ClaimRejectionReason.CHALLENGE_NOT_MET : null,
  rewards: status === ClaimStatus.GRANTED ? e.rewards : [], delivery: status === ClaimStatus.GRANTED ? DeliveryStatus.PENDING : null,
  idempotencyKey: null, createdAt: at(0), eventVersion: status === ClaimStatus.GRANTED ? 0 : null, deliveryError: null, period: null,
});
const deliveryOf = (claim: ClaimRecord): DeliveryRecord => ({ claimId: claim.id, userId: claim.userId, rewards: claim.rewards, attempts: 0, nextAttemptAt: at(0), lastError: null, deliveredAt: null, failedAt: null });
const revocationOf = (claim: ClaimRecord, actorId = newId()): RevocationRecord => ({
  claimId: claim.id, userId: claim.userId, rewards: claim.rewards, actorId, note: 'mistake', requestedAt: at(5), attempts: 0, nextAttemptAt: at(5), lastError: null, appliedAt: null, shortfall: null,
});

describe.each(adapters)('$name events store: revocations', (adapter) => {
  let fixture: StoreFixture<EventsStores>;
  const stores = () => fixture.stores;
  beforeAll(async () => {
    fixture = await adapter.open();
  });
  afterAll(() => fixture.close());
  beforeEach(() => fixture.reset());

  async function granted() {
    const e = event();
    await stores().events.insert(e);
    const claim = claimOf(e);
    expect((await stores().claims.grant(claim, deliveryOf(claim))).outcome).toBe('granted');
    return { e, claim };
  }

  test('revoke: GRANTED → REVOKED once, queued in the outbox; the claim keeps its grant key and its stock count', async () => {
    const { e, claim } = await granted();
    const actorId = newId();
    const first = await stores().revocations.revoke(claim.id, revocationOf(claim, actorId));
    expect(first).toMatchObject({ outcome: 'revoked', claim: { id: claim.id, status: ClaimStatus.REVOKED, revokedAt: at(5), revokedBy: actorId } });
    expect((await stores().revocations.revoke(claim.id, revocationOf(claim))).outcome).toBe('already-revoked');
    expect(await stores().revocations.find(claim.id)).toMatchObject({ actorId, note: 'mistake', appliedAt: null });
    expect((await stores().claims.findGranted(e.id, claim.userId, null))?.status).toBe(ClaimStatus.REVOKED);
    expect(await stores().claims.countGranted(e.id)).toBe(1);
    const again = claimOf(e, ClaimStatus.GRANTED, claim.userId);
    expect((await stores().claims.grant(again, deliveryOf(again))).outcome).toBe('already-claimed');
    expect((await stores().claims.list({ status: ClaimStatus.REVOKED, limit: 10 })).map((c) => c.id)).toEqual([claim.id]);
    expect(await stores().claims.list({ status: ClaimStatus.GRANTED, limit: 10 })).toEqual([]);
  });

  test('a rejected attempt is "not-granted", an unknown claim "not-found"; neither queues anything', async () => {
    const e = event();
    await stores().events.insert(e);
    const rejected = claimOf(e, ClaimStatus.REJECTED);
    await stores().claims.recordRejection(rejected);
    expect((await stores().revocations.revoke(rejected.id, revocationOf(rejected))).outcome).toBe('not-granted');
    expect(await stores().revocations.revoke(newId(), revocationOf(rejected))).toEqual({ outcome: 'not-found' });
    expect(await stores().revocations.find(rejected.id)).toBeNull();
  });

  test('parallel revocations of one claim: exactly one "revoked"', async () => {
    const { claim } = await granted();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => stores().revocations.revoke(claim.id, revocationOf(claim))));
    expect(outcomes.filter((o) => o.outcome === 'revoked')).toHaveLength(1);
  });

  test('the outbox: due revocations are leased once, failures retried later, applied ones never again', async () => {
    const { claim } = await granted();
    await stores().revocations.revoke(claim.id, revocationOf(claim));
    expect((await stores().revocations.leaseDue(at(5), 10, at(6))).map((r) => r.claimId)).toEqual([claim.id]);
    expect(await stores().revocations.leaseDue(at(5), 10, at(6))).toEqual([]);
    await stores().revocations.markFailed(claim.id, 'users down', at(8));
    expect(await stores().revocations.leaseDue(at(7), 10, at(9))).toEqual([]);
    expect(await stores().revocations.leaseDue(at(8), 10, at(9))).toMatchObject([{ attempts: 1, lastError: 'users down' }]);
    await stores().revocations.markApplied(claim.id, at(9), true);
    expect(await stores().revocations.leaseDue(at(60), 10, at(61))).toEqual([]);
    expect(await stores().revocations.find(claim.id)).toMatchObject({ appliedAt: at(9), shortfall: true });
  });
});
