import { newId, Role, defaultPlayerTimeZone } from '@platform/shared';
import { UsernameTakenError } from '../../../subgraphs/users/src/store/ports';
import { emptyHoldings, emptyLoginStats } from '../../../subgraphs/users/src/store/records';
import { adapters, useUsersStores, at, newUser } from './fixtures';

if (!process.env['MONGODB_URI']) {
  describe.skip('mongodb users store (set MONGODB_URI to a replica set to run this contract against MongoDB)', () => {
    test('contract', () => undefined);
  });
}

describe.each(adapters)('$name users store', (adapter) => {
  const { users } = useUsersStores(adapter);

  describe('UserStore: accounts', () => {
    test('create returns the user with empty holdings and stats; every lookup finds the same record', async () => {
      const input = newUser('Alice.B');
      const created = await users().create(input);
      const expected = { ...input, holdings: emptyHoldings(), loginStats: emptyLoginStats(), timeZone: defaultPlayerTimeZone() };
      expect(created).toEqual(expected);
      expect(await users().findById(input.id)).toEqual(expected);
      expect(await users().findByUsername('Alice.B')).toEqual(expected);
      expect(await users().findByUsername('alice.b')).toEqual(expected);
      expect(await users().findByUsername('ALICE.B')).toEqual(expected);
    });

    test('unknown ids and names are null', async () => {
      await users().create(newUser('someone'));
      expect(await users().findById(newId())).toBeNull();
      expect(await users().findByUsername('nobody')).toBeNull();
    });

    test('usernames are unique in any letter case: UsernameTakenError, the first account untouched', async () => {
      const first = await users().create(newUser('Alice'));
      for (const username of ['Alice', 'alice', 'aLICE']) {
        await expect(users().create(newUser(username, { passwordHash: 'other' }))).rejects.toBeInstanceOf(UsernameTakenError);
      }
      expect(await users().findByUsername('ALICE')).toEqual(first);
      expect(await users().list({ limit: 10 })).toHaveLength(1);
    });

    test('parallel creates of one name: exactly one wins', async () => {
      const results = await Promise.allSettled(['racer', 'Racer', 'RACER', 'racer', 'rAcEr'].map((name) => users().create(newUser(name))));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(rejected).toHaveLength(4);
      for (const result of rejected) expect(result.reason).toBeInstanceOf(UsernameTakenError);
    });

    test('findByIds returns the users that exist and ignores the rest', async () => {
      const [a, b, c] = [newUser('user_a'), newUser('user_b'), newUser('user_c')];
      for (const user of [a, b, c]) await users().create(user);
      const found = await users().findByIds([c!.id, newId(), a!.id]);
      expect(found.map((user) => user.username).sort()).toEqual(['user_a', 'user_c']);
      expect(found.find((user) => user.id === a!.id)).toEqual(await users().findById(a!.id));
      expect(await users().findByIds([])).toEqual([]);
    });

    test('countWithRole counts holders of the role', async () => {
      await users().create(newUser('plain'));
      await users().create(newUser('boss', { roles: [Role.USER, Role.ADMIN] }));
      await users().create(newUser('root', { roles: [Role.ADMIN] }));
      expect(await users().countWithRole(Role.ADMIN)).toBe(2);
      expect(await users().countWithRole(Role.USER)).toBe(2);
      expect(await users().countWithRole(Role.AUDITOR)).toBe(0);
    });

    test('setRoles and setBannedUntil return the updated user; unknown ids give null', async () => {
      const user = await users().create(newUser('changer'));
      expect((await users().setRoles(user.id, [Role.OPERATOR, Role.AUDITOR]))?.roles).toEqual([Role.OPERATOR, Role.AUDITOR]);
      expect((await users().setBannedUntil(user.id, at(3)))?.bannedUntil).toEqual(at(3));
      expect(await users().findById(user.id)).toMatchObject({ roles: [Role.OPERATOR, Role.AUDITOR], bannedUntil: at(3) });
      expect((await users().setBannedUntil(user.id, null))?.bannedUntil).toBeNull();
      expect(await users().setRoles(newId(), [Role.USER])).toBeNull();
      expect(await users().setBannedUntil(newId(), at(1))).toBeNull();
    });
  });

  describe('UserStore: list', () => {
    /** Ids minted in order, created out of order: the store sorts, not the insertion. */
    async function seed() {
      const specs: [string, Role[]][] = [
        ['l_zero', [Role.USER]],
        ['l_one', [Role.USER, Role.OPERATOR]],
        ['l_two', [Role.USER]],
        ['l_three', [Role.OPERATOR]],
        ['l_four', [Role.USER, Role.OPERATOR]],
      ];
      const seeded = specs.map(([name, roles]) => newUser(name, { roles }));
      for (const index of [3, 0, 4, 2, 1]) await users().create(seeded[index]!);
      return seeded.map((user) => user.id);
    }
    const names = (list: { username: string }[]) => list.map((user) => user.username);

    test('orders by id ascending and stops at the limit', async () => {
      await seed();
      expect(names(await users().list({ limit: 10 }))).toEqual(['l_zero', 'l_one', 'l_two', 'l_three', 'l_four']);
      expect(names(await users().list({ limit: 2 }))).toEqual(['l_zero', 'l_one']);
    });

    test('afterId pages on from the id after it', async () => {
      const ids = await seed();
      expect(names(await users().list({ afterId: ids[1]!, limit: 2 }))).toEqual(['l_two', 'l_three']);
      expect(names(await users().list({ afterId: ids[4]!, limit: 2 }))).toEqual([]);
    });

    test('role filters, also together with afterId', async () => {
      const ids = await seed();
      expect(names(await users().list({ role: Role.OPERATOR, limit: 10 }))).toEqual(['l_one', 'l_three', 'l_four']);
      expect(names(await users().list({ role: Role.OPERATOR, afterId: ids[1]!, limit: 1 }))).toEqual(['l_three']);
      expect(names(await users().list({ role: Role.ADMIN, limit: 10 }))).toEqual([]);
    });
  });


  describe('UserStore: password hash upgrade', () => {
    test('replacePasswordHash swaps only while the expected hash is current', async () => {
      const user = await users().create(newUser('upgrader', { passwordHash: 'old-hash' }));
      expect(await users().replacePasswordHash(user.id, 'stale-hash', 'new-hash')).toBe(false);
      expect((await users().findById(user.id))?.passwordHash).toBe('old-hash');
      expect(await users().replacePasswordHash(user.id, 'old-hash', 'new-hash')).toBe(true);
      expect(await users().findById(user.id)).toEqual({ ...user, passwordHash: 'new-hash' });
      expect(await users().replacePasswordHash(user.id, 'old-hash', 'newer-hash')).toBe(false);
      expect(await users().replacePasswordHash(newId(), 'old-hash', 'new-hash')).toBe(false);
    });
  });

});
