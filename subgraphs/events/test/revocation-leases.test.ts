import { ManualClock, newId, type Logger } from '@platform/shared';
import { FakePlayerDirectory } from '../../../test/support/fake-player-directory';
import { MemoryAuditRecorder } from '../../../test/support/memory-audit-recorder';
import { ClaimPeriod, ClaimStatus, Currency, DeliveryStatus } from '../src/schema/enums';
import { DEFAULT_DELIVERY_OPTIONS } from '../src/services/delivery-service';
import { RevocationService, type RevocationOptions } from '../src/services/revocation-service';
import { createMemoryEventsStores } from '../src/store/memory';
import type { EventsStores } from '../src/store/ports';
import type { ClaimRecord } from '../src/store/records';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };
const OPTIONS: RevocationOptions = { baseBackoffMs: DEFAULT_DELIVERY_OPTIONS.baseBackoffMs, maxBackoffMs: DEFAULT_DELIVERY_OPTIONS.maxBackoffMs, leaseMs: DEFAULT_DELIVERY_OPTIONS.leaseMs };

/**
 * Two events instances sharing one revocation outbox (one store): each revocation is leased
 * just before it is attempted, so the instances never attempt the same one at the same time.
 */
describe('several events instances over one revocation outbox', () => {
  let stores: EventsStores;
  let clock: ManualClock;
  let users: FakePlayerDirectory;
  const instance = () => new RevocationService(stores.claims, stores.revocations, users, new MemoryAuditRecorder(), clock, silent, OPTIONS);

  beforeEach(() => {
    stores = createMemoryEventsStores();
    clock = new ManualClock(new Date('2030-01-01T00:00:00Z'));
    users = new FakePlayerDirectory();
  });

  /** Revoked grants whose revocations are all due: revoked while users was down, then the backoff passed. */
  async function dueRevocations(count: number): Promise<string[]> {
    const eventId = newId();
    await stores.events.insert({
      id: eventId, title: 'e', description: null, startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + 1e9), isPublic: true, active: true,
      challenges: [], rewards: [], claimPeriod: ClaimPeriod.ONCE, claimLimit: null, claimsRemaining: null, frozen: true, stockSettlesAt: null, createdBy: newId(), createdAt: clock.now(), updatedAt: clock.now(), version: 0,
    });
    const revoking = instance();
    const claimIds: string[] = [];
    users.down = true;
    for (let i = 0; i < count; i++) {
      const claim: ClaimRecord = {
        id: newId(), eventId, userId: newId(), status: ClaimStatus.GRANTED, rejectionReason: null, rewards: [{ kind: 'CurrencyReward', currency: Currency.COIN, amount: 5 } as ClaimRecord['rewards'][number]],
        delivery: DeliveryStatus.DELIVERED, idempotencyKey: null, createdAt: clock.now(), period: null, eventVersion: 0, deliveryError: null,
      };
      await stores.claims.grant(claim, { claimId: claim.id, userId: claim.userId, rewards: claim.rewards, attempts: 0, nextAttemptAt: clock.now(), lastError: null, deliveredAt: clock.now(), failedAt: null });
      expect((await revoking.revoke(newId(), claim.id, 'paid by mistake')).status).toBe(ClaimStatus.REVOKED);
      claimIds.push(claim.id);
    }
    users.down = false;
    clock.advance(OPTIONS.maxBackoffMs);
    return claimIds;
  }

  test('two dispatchers running at once apply each revocation exactly once between them', async () => {
    const claimIds = await dueRevocations(12);
    // users answers slowly, so both dispatchers are mid-run at the same time.
    const attempted: string[] = [];
    const apply = users.applyRewardRevocation.bind(users);
    jest.spyOn(users, 'applyRewardRevocation').mockImplementation(async (revocation) => {
      attempted.push(revocation.claimId);
      await new Promise((resolve) => setImmediate(resolve));
      return apply(revocation);
    });
    const [a, b] = [instance(), instance()];
    const [byA, byB] = await Promise.all([a.runDue(5), b.runDue(5)]);
    const [againA, againB] = await Promise.all([a.runDue(5), b.runDue(5)]);
    expect(byA + byB + againA + againB).toBe(12);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(attempted).toHaveLength(12);
    expect(new Set(attempted)).toEqual(new Set(claimIds));
    expect([...users.revokedGrants.keys()].sort()).toEqual([...claimIds].sort());
    for (const claimId of claimIds) expect((await stores.revocations.find(claimId))?.appliedAt).toEqual(clock.now());
    expect(await stores.revocations.leaseDue(new Date(8.64e15), 100, new Date(8.64e15))).toEqual([]);
  });

  test('a slow run never attempts a revocation whose lease expired meanwhile (another instance may own it by then)', async () => {
    await dueRevocations(30);
    const byA: string[] = [];
    const stolen = new Set<string>();
    const apply = users.applyRewardRevocation.bind(users);
    jest.spyOn(users, 'applyRewardRevocation').mockImplementation(async (revocation) => {
      byA.push(revocation.claimId);
      // users answers at its timeout every time: 30 attempts outlast one lease.
      clock.advance(3000);
      // Meanwhile another instance leases whatever is due and unleased now.
      const leasedByB = await stores.revocations.leaseDue(clock.now(), 100, new Date(clock.now().getTime() + 1e9));
      for (const revocation of leasedByB) stolen.add(revocation.claimId);
      return apply(revocation);
    });

    await instance().runDue(30);

    expect(byA.length).toBeGreaterThan(0);
    expect(byA.filter((id) => stolen.has(id))).toEqual([]);
  });
});
