import { ManualClock, newId, type Logger } from '@platform/shared';
import { FakePlayerDirectory } from '../../../test/support/fake-player-directory';
import { ClaimPeriod, ClaimStatus, Currency, DeliveryStatus } from '../src/schema/enums';
import { DEFAULT_DELIVERY_OPTIONS, DeliveryService } from '../src/services/delivery-service';
import { createMemoryEventsStores } from '../src/store/memory';
import type { EventsStores } from '../src/store/ports';
import type { ClaimRecord } from '../src/store/records';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

/**
 * Two events instances sharing one outbox (one store): each delivery is leased before it is
 * attempted, so the instances never attempt the same one at the same time.
 */
describe('several events instances over one outbox', () => {
  let stores: EventsStores;
  let clock: ManualClock;
  let users: FakePlayerDirectory;
  const instance = () => new DeliveryService(stores.claims, users, clock, silent, DEFAULT_DELIVERY_OPTIONS);

  beforeEach(() => {
    stores = createMemoryEventsStores();
    clock = new ManualClock(new Date('2030-01-01T00:00:00Z'));
    users = new FakePlayerDirectory();
  });

  async function pendingGrants(count: number): Promise<ClaimRecord[]> {
    const eventId = newId();
    await stores.events.insert({
      id: eventId, title: 'e', description: null, startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + 1e9), isPublic: true, active: true,
      challenges: [], rewards: [], claimPeriod: ClaimPeriod.ONCE, claimLimit: null, claimsRemaining: null, frozen: true, stockSettlesAt: null, createdBy: newId(), createdAt: clock.now(), updatedAt: clock.now(), version: 0,
    });
    const claims: ClaimRecord[] = [];
    for (let i = 0; i < count; i++) {
      const claim: ClaimRecord = {
        id: newId(), eventId, userId: newId(), status: ClaimStatus.GRANTED, rejectionReason: null, rewards: [{ kind: 'CurrencyReward', currency: Currency.COIN, amount: 5 } as ClaimRecord['rewards'][number]],
        delivery: DeliveryStatus.PENDING, idempotencyKey: null, createdAt: clock.now(), period: null, eventVersion: 0, deliveryError: null,
      };
      await stores.claims.grant(claim, { claimId: claim.id, userId: claim.userId, rewards: claim.rewards, attempts: 0, nextAttemptAt: clock.now(), lastError: null, deliveredAt: null, failedAt: null });
      claims.push(claim);
    }
    return claims;
  }

  test('two dispatchers running at once attempt each delivery exactly once between them', async () => {
    const claims = await pendingGrants(12);
    // users answers slowly, so both dispatchers are mid-run at the same time.
    const applied: string[] = [];
    const apply = users.applyRewardGrant.bind(users);
    jest.spyOn(users, 'applyRewardGrant').mockImplementation(async (grant) => {
      applied.push(grant.grantId);
      await new Promise((resolve) => setImmediate(resolve));
      return apply(grant);
    });
    const [a, b] = [instance(), instance()];
    const [byA, byB] = await Promise.all([a.runDue(5), b.runDue(5)]);
    const [againA, againB] = await Promise.all([a.runDue(5), b.runDue(5)]);
    expect(byA + byB + againA + againB).toBe(12);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(applied).toHaveLength(12);
    expect(new Set(applied).size).toBe(12);
    for (const claim of claims) expect(users.creditsOf(claim.userId)).toBe(1);
    expect(await stores.claims.dueDeliveries(new Date(8.64e15), 100)).toEqual([]);
  });

  test('a slow run never attempts a delivery whose lease expired meanwhile (another instance may own it by then)', async () => {
    await pendingGrants(30);
    const byA: string[] = [];
    const stolen = new Set<string>();
    const apply = users.applyRewardGrant.bind(users);
    jest.spyOn(users, 'applyRewardGrant').mockImplementation(async (grant) => {
      byA.push(grant.grantId);
      // users answers at its timeout every time: 30 attempts outlast one lease.
      clock.advance(3000);
      // Meanwhile another instance leases whatever is due and unleased now.
      const leasedByB = await stores.claims.leaseDueDeliveries(clock.now(), 100, new Date(clock.now().getTime() + 1e9));
      for (const delivery of leasedByB) stolen.add(delivery.claimId);
      return apply(grant);
    });

    await instance().runDue(30);

    expect(byA.length).toBeGreaterThan(0);
    expect(byA.filter((id) => stolen.has(id))).toEqual([]);
  });

  test('a lease held by an instance that died expires: another instance delivers it, once', async () => {
    const [claim] = await pendingGrants(1);
    // The dead instance leased it and never came back.
    const lease = await stores.claims.leaseDueDeliveries(clock.now(), 10, new Date(clock.now().getTime() + DEFAULT_DELIVERY_OPTIONS.leaseMs));
    expect(lease).toHaveLength(1);
    const survivor = instance();
    expect(await survivor.runDue()).toBe(0);
    clock.advance(DEFAULT_DELIVERY_OPTIONS.leaseMs);
    expect(await survivor.runDue()).toBe(1);
    expect(users.creditsOf(claim!.userId)).toBe(1);
    expect((await stores.claims.findById(claim!.id))?.delivery).toBe(DeliveryStatus.DELIVERED);
  });
});
