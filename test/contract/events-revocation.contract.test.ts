import { newId } from '@platform/shared';
import { ClaimStatus } from '../../subgraphs/events/src/schema/enums';
import type { ClaimRecord, RevocationRecord } from '../../subgraphs/events/src/store/records';
import { adapters, eventRecord, grantedClaim, rejectedClaim, T0, useEventsStores } from './events-store/fixtures';

/** Minutes from T0 (this file's clock runs in minutes). */
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const revocationOf = (claim: ClaimRecord, actorId = newId()): RevocationRecord => ({
  claimId: claim.id, userId: claim.userId, rewards: claim.rewards, actorId, note: 'mistake', requestedAt: at(5), attempts: 0, nextAttemptAt: at(5), lastError: null, appliedAt: null, shortfall: null,
});

describe.each(adapters)('$name events store: revocations', (adapter) => {
  const { events, claims, revocations, inserted, grant } = useEventsStores(adapter);

  async function granted() {
    const e = eventRecord();
    await inserted(e);
    const claim = grantedClaim(e);
    expect((await grant(e, claim)).outcome).toBe('granted');
    return { e, claim };
  }

  test('revoke: GRANTED → REVOKED once, queued in the outbox; the claim keeps its grant key and its stock count', async () => {
    const { e, claim } = await granted();
    const actorId = newId();
    const first = await revocations().revoke(claim.id, revocationOf(claim, actorId));
    expect(first).toMatchObject({ outcome: 'revoked', claim: { id: claim.id, status: ClaimStatus.REVOKED, revokedAt: at(5), revokedBy: actorId } });
    expect((await revocations().revoke(claim.id, revocationOf(claim))).outcome).toBe('already-revoked');
    expect(await revocations().find(claim.id)).toMatchObject({ actorId, note: 'mistake', appliedAt: null });
    expect((await claims().findGranted(e.id, claim.userId, null))?.status).toBe(ClaimStatus.REVOKED);
    expect(await claims().countGranted(e.id)).toBe(1);
    const again = grantedClaim(e, claim.userId);
    expect((await grant(e, again)).outcome).toBe('already-claimed');
    expect((await claims().list({ status: ClaimStatus.REVOKED, limit: 10 })).map((c) => c.id)).toEqual([claim.id]);
    expect(await claims().list({ status: ClaimStatus.GRANTED, limit: 10 })).toEqual([]);
  });

  test('a rejected attempt is "not-granted", an unknown claim "not-found"; neither queues anything', async () => {
    const e = eventRecord();
    await events().insert(e);
    const rejected = rejectedClaim(e.id);
    await claims().recordRejection(rejected);
    expect((await revocations().revoke(rejected.id, revocationOf(rejected))).outcome).toBe('not-granted');
    expect(await revocations().revoke(newId(), revocationOf(rejected))).toEqual({ outcome: 'not-found' });
    expect(await revocations().find(rejected.id)).toBeNull();
  });

  test('parallel revocations of one claim: exactly one "revoked"', async () => {
    const { claim } = await granted();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => revocations().revoke(claim.id, revocationOf(claim))));
    expect(outcomes.filter((o) => o.outcome === 'revoked')).toHaveLength(1);
  });

  test('the outbox: due revocations are leased once, failures retried later, applied ones never again', async () => {
    const { claim } = await granted();
    await revocations().revoke(claim.id, revocationOf(claim));
    expect((await revocations().leaseDue(at(5), 10, at(6))).map((r) => r.claimId)).toEqual([claim.id]);
    expect(await revocations().leaseDue(at(5), 10, at(6))).toEqual([]);
    await revocations().markFailed(claim.id, 'users down', at(8));
    expect(await revocations().leaseDue(at(7), 10, at(9))).toEqual([]);
    expect(await revocations().leaseDue(at(8), 10, at(9))).toMatchObject([{ attempts: 1, lastError: 'users down' }]);
    await revocations().markApplied(claim.id, at(9), true);
    expect(await revocations().leaseDue(at(60), 10, at(61))).toEqual([]);
    expect(await revocations().find(claim.id)).toMatchObject({ appliedAt: at(9), shortfall: true });
  });
});
