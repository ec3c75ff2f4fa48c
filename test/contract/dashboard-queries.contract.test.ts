import { newId, Role } from '@platform/shared';
import { ClaimRejectionReason } from '../../subgraphs/events/src/schema/enums';
import type { ClaimRecord } from '../../subgraphs/events/src/store/records';
import { adapters as eventsAdapters, deliveryFor, eventRecord, grantedClaim, rejectedClaim, useEventsStores } from './events-store/fixtures';
import { adapters as usersAdapters, newUser, useUsersStores } from './users-store/fixtures';

/**
 * The dashboard's store queries (claim stats, username prefix) against every store available:
 * the memory store always, MongoDB when MONGODB_URI names a replica set.
 */
const utc = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2030, 0, day, hour, minute));

describe.each(eventsAdapters)('$name claim store: stats', (adapter) => {
  const stores = useEventsStores(adapter);

  test('counts one event by status, reason, delivery, player and UTC bucket', async () => {
    const [events, claims] = [stores.events(), stores.claims()];
    const event = eventRecord();
    const other = eventRecord();
    await events.insert(event);
    await events.insert(other);
    const [ann, bob, cy] = [newId(), newId(), newId()];
    const grant = async (record: ClaimRecord) => expect(await claims.grant(record, deliveryFor(record, { nextAttemptAt: record.createdAt }))).toMatchObject({ outcome: 'granted' });
    const annGrant = grantedClaim(event, ann, { createdAt: utc(2, 10, 5) });
    await grant(annGrant);
    await claims.markDelivered(annGrant.id, utc(2, 10, 6));
    await grant(grantedClaim(event, bob, { createdAt: utc(2, 11, 59) }));
    await claims.recordRejection(rejectedClaim(event.id, ann, { createdAt: utc(2, 11, 0), rejectionReason: ClaimRejectionReason.ALREADY_CLAIMED }));
    await claims.recordRejection(rejectedClaim(event.id, cy, { createdAt: utc(3, 0, 1) }));
    await claims.recordRejection(rejectedClaim(event.id, cy, { createdAt: utc(3, 0, 2) }));
    await grant(grantedClaim(other, cy, { createdAt: utc(2, 10, 0) }));

    expect(await claims.stats(event.id, 'hour')).toEqual({
      granted: 2,
      rejected: 3,
      rejectedByReason: [
        { reason: 'ALREADY_CLAIMED', count: 1 },
        { reason: 'CHALLENGE_NOT_MET', count: 2 },
      ],
      distinctPlayers: 3,
      deliveredCount: 1,
      pendingDeliveryCount: 1,
      failedDeliveryCount: 0,
      timeline: [
        { at: utc(2, 10), granted: 1, rejected: 0 },
        { at: utc(2, 11), granted: 1, rejected: 1 },
        { at: utc(3, 0), granted: 0, rejected: 2 },
      ],
    });
    expect((await claims.stats(event.id, 'day')).timeline).toEqual([
      { at: utc(2, 0), granted: 2, rejected: 1 },
      { at: utc(3, 0), granted: 0, rejected: 2 },
    ]);
    expect((await claims.stats(newId(), 'hour')).timeline).toEqual([]);
  });
});

describe.each(usersAdapters)('$name user store: username prefix', (adapter) => {
  const stores = useUsersStores(adapter);

  test('matches the start of the name, case-insensitively and literally, with role and paging', async () => {
    const users = stores.users();
    const names = ['Olga', 'olaf', 'ol.d', 'oscar', 'xolo'];
    for (const username of names) {
      await users.create(newUser(username, { roles: username === 'olaf' ? [Role.OPERATOR] : [Role.USER] }));
    }
    const found = async (query: Parameters<typeof users.list>[0]) => (await users.list(query)).map((user) => user.username).sort();
    expect(await found({ usernamePrefix: 'OL', limit: 10 })).toEqual(['Olga', 'ol.d', 'olaf']);
    expect(await found({ usernamePrefix: 'ol.', limit: 10 })).toEqual(['ol.d']);
    expect(await found({ usernamePrefix: '.', limit: 10 })).toEqual([]);
    expect(await found({ usernamePrefix: 'ol', role: Role.OPERATOR, limit: 10 })).toEqual(['olaf']);
    const firstPage = await users.list({ usernamePrefix: 'o', limit: 2 });
    const rest = await users.list({ usernamePrefix: 'o', afterId: firstPage[1]!.id, limit: 10 });
    expect([...firstPage, ...rest].map((user) => user.username).sort()).toEqual(['Olga', 'ol.d', 'olaf', 'oscar']);
  });
});
