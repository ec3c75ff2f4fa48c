import { newId } from '@platform/shared';
import { ROTATED_HASHES_KEPT } from '../../../subgraphs/users/src/store/records';
import { adapters, useUsersStores, T0, at, newSession } from './fixtures';

describe.each(adapters)('$name users store', (adapter) => {
  const { sessions, attempts } = useUsersStores(adapter);

  describe('AttemptCounterStore', () => {
    const MINUTE = 60_000;
    const now = (minutes: number) => new Date(T0 + minutes * MINUTE);

    test('hit counts within a window that opens at the first attempt and is not extended', async () => {
      expect(await attempts().hit('k', 15 * MINUTE, now(0))).toEqual({ count: 1, expiresAt: now(15) });
      expect(await attempts().hit('k', 15 * MINUTE, now(5))).toEqual({ count: 2, expiresAt: now(15) });
      expect(await attempts().hit('k', 15 * MINUTE, now(14))).toEqual({ count: 3, expiresAt: now(15) });
      // The window closed: a new one opens at this attempt.
      expect(await attempts().hit('k', 15 * MINUTE, now(15))).toEqual({ count: 1, expiresAt: now(30) });
    });

    test('keys count separately', async () => {
      await attempts().hit('login:username:ann', MINUTE, now(0));
      await attempts().hit('login:username:ann', MINUTE, now(0));
      expect((await attempts().hit('login:username:bob', MINUTE, now(0))).count).toBe(1);
      expect((await attempts().hit('login:username:ann', MINUTE, now(0))).count).toBe(3);
    });

    test('release takes one back while the window is open, never below zero, and creates nothing', async () => {
      await attempts().hit('k', 10 * MINUTE, now(0));
      await attempts().hit('k', 10 * MINUTE, now(0));
      await attempts().release('k', now(1));
      expect((await attempts().hit('k', 10 * MINUTE, now(2))).count).toBe(2);
      for (let i = 0; i < 4; i++) await attempts().release('k', now(3));
      expect((await attempts().hit('k', 10 * MINUTE, now(4))).count).toBe(1);
      await attempts().release('unknown', now(0));
      expect(await attempts().hit('unknown', MINUTE, now(0))).toEqual({ count: 1, expiresAt: now(1) });
    });

    test('release after the window closed changes nothing', async () => {
      await attempts().hit('k', MINUTE, now(0));
      await attempts().release('k', now(2));
      expect(await attempts().hit('k', MINUTE, now(2))).toEqual({ count: 1, expiresAt: now(3) });
    });

    test('clear forgets the key', async () => {
      for (let i = 0; i < 3; i++) await attempts().hit('k', MINUTE, now(0));
      await attempts().clear('k');
      await attempts().clear('never-seen');
      expect(await attempts().hit('k', MINUTE, now(0))).toEqual({ count: 1, expiresAt: now(1) });
    });

    test('fifty parallel hits, the first ones racing to create the key: each gets its own count', async () => {
      const counts = await Promise.all(Array.from({ length: 50 }, () => attempts().hit('race', MINUTE, now(0))));
      expect(counts.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(counts.map((hit) => hit.expiresAt.getTime()))).toEqual(new Set([now(1).getTime()]));
    });
  });

  describe('SessionStore', () => {
    test('replaceForDevice stores the session; findById returns it; unknown and malformed ids are null', async () => {
      const userId = newId();
      const session = newSession(userId, 'phone');
      await sessions().replaceForDevice(session);
      expect(await sessions().findById(session.id)).toEqual(session);
      expect(await sessions().findById(newId())).toBeNull();
      expect(await sessions().findById('garbage')).toBeNull();
      expect(await sessions().findById('')).toBeNull();
    });

    test('replaceForDevice replaces the session of the same (user, device) only', async () => {
      const [ann, bob] = [newId(), newId()];
      const annPhone = newSession(ann, 'phone');
      const annLaptop = newSession(ann, 'laptop');
      const bobPhone = newSession(bob, 'phone');
      for (const session of [annPhone, annLaptop, bobPhone]) await sessions().replaceForDevice(session);
      const annPhone2 = newSession(ann, 'phone');
      await sessions().replaceForDevice(annPhone2);
      expect(await sessions().findById(annPhone.id)).toBeNull();
      expect(await sessions().findById(annPhone2.id)).toEqual(annPhone2);
      expect(await sessions().findById(annLaptop.id)).toEqual(annLaptop);
      expect(await sessions().findById(bobPhone.id)).toEqual(bobPhone);
    });

    test('parallel replaceForDevice for one device leave exactly one session', async () => {
      const userId = newId();
      const candidates = Array.from({ length: 5 }, () => newSession(userId, 'phone'));
      await Promise.all(candidates.map((session) => sessions().replaceForDevice(session)));
      const alive = (await Promise.all(candidates.map((session) => sessions().findById(session.id)))).filter((found) => found !== null);
      expect(alive).toHaveLength(1);
    });

    test('rotate swaps the hash only while the expected one is current', async () => {
      const session = newSession(newId(), 'phone', { tokenHash: 'h0' });
      await sessions().replaceForDevice(session);
      expect(await sessions().rotate(session.id, 'h0', 'h1', at(20))).toBe(true);
      const rotated = { ...session, tokenHash: 'h1', rotatedTokenHashes: ['h0'], expiresAt: at(20) };
      expect(await sessions().findById(session.id)).toEqual(rotated);
      // The same expected hash again: lost the race, nothing changes.
      expect(await sessions().rotate(session.id, 'h0', 'h2', at(30))).toBe(false);
      expect(await sessions().findById(session.id)).toEqual(rotated);
      expect(await sessions().rotate(session.id, 'h1', 'h2', at(30))).toBe(true);
      expect(await sessions().findById(session.id)).toMatchObject({ tokenHash: 'h2', rotatedTokenHashes: ['h0', 'h1'], expiresAt: at(30) });
    });

    test('rotate of an unknown or malformed id is false', async () => {
      expect(await sessions().rotate(newId(), 'h0', 'h1', at(1))).toBe(false);
      expect(await sessions().rotate('garbage', 'h0', 'h1', at(1))).toBe(false);
    });

    test('parallel rotations from one hash: exactly one wins', async () => {
      const session = newSession(newId(), 'phone', { tokenHash: 'start' });
      await sessions().replaceForDevice(session);
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => sessions().rotate(session.id, 'start', `next-${i}`, at(1))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await sessions().findById(session.id))?.rotatedTokenHashes).toEqual(['start']);
    });

    test(`a session remembers the last ${ROTATED_HASHES_KEPT} rotated hashes`, async () => {
      const session = newSession(newId(), 'phone', { tokenHash: 'h0' });
      await sessions().replaceForDevice(session);
      const total = ROTATED_HASHES_KEPT + 5;
      for (let i = 0; i < total; i++) expect(await sessions().rotate(session.id, `h${i}`, `h${i + 1}`, at(1))).toBe(true);
      const kept = (await sessions().findById(session.id))?.rotatedTokenHashes;
      expect(kept).toEqual(Array.from({ length: ROTATED_HASHES_KEPT }, (_, i) => `h${i + 5}`));
    });

    test('deleteById, deleteForDevice and deleteAllForUser report what they removed', async () => {
      const [ann, bob] = [newId(), newId()];
      const annSessions = ['phone', 'laptop', 'tablet'].map((device) => newSession(ann, device));
      const bobPhone = newSession(bob, 'phone');
      for (const session of [...annSessions, bobPhone]) await sessions().replaceForDevice(session);

      expect(await sessions().deleteById(annSessions[0]!.id)).toBe(true);
      expect(await sessions().deleteById(annSessions[0]!.id)).toBe(false);
      expect(await sessions().deleteById('garbage')).toBe(false);

      expect(await sessions().deleteForDevice(ann, 'laptop')).toBe(1);
      expect(await sessions().deleteForDevice(ann, 'laptop')).toBe(0);
      expect(await sessions().findById(annSessions[2]!.id)).not.toBeNull();

      await sessions().replaceForDevice(newSession(ann, 'watch'));
      expect(await sessions().deleteAllForUser(ann)).toBe(2);
      expect(await sessions().deleteAllForUser(ann)).toBe(0);
      expect(await sessions().findById(bobPhone.id)).toEqual(bobPhone);
    });
  });
});
