import { Role } from '@platform/shared';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { auditor, callerWith, operator, player } from '../../../test/support/tokens';
import { UsersHarness } from '../../../test/support/users-harness';
import { usernamePrefixPattern } from '../src/store/username-prefix';
import { errorField } from './helpers';

const USERS = `query($filter: UserFilter, $role: Role, $first: Int, $after: String) {
  users(filter: $filter, role: $role, first: $first, after: $after) { edges { node { username roles } } pageInfo { hasNextPage endCursor } }
}`;

interface UsersPage {
  users: { edges: { node: { username: string; roles: string[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

let h: UsersHarness;
beforeEach(async () => {
  h = await UsersHarness.create();
  for (const name of ['Olga_ops', 'olivia', 'oscar', 'pia', 'ol.d']) await h.signUp(name);
  await h.userWithRoles('olaf', [Role.USER, Role.OPERATOR]);
});
afterEach(() => h.stop());

const names = async (token: string, variables: Record<string, unknown>) =>
  dataOf(await h.run<UsersPage>(USERS, variables, token)).users.edges.map((edge) => edge.node.username).sort();

test.each([['AUDITOR', auditor], ['ADMIN', () => callerWith([Role.ADMIN])]] as const)('%s finds users by a case-insensitive username prefix', async (_role, make) => {
  const staff = make();
  expect(await names(staff.token, { filter: { usernamePrefix: 'OL' } })).toEqual(['Olga_ops', 'ol.d', 'olaf', 'olivia']);
  expect(await names(staff.token, { filter: { usernamePrefix: 'olg' } })).toEqual(['Olga_ops']);
  expect(await names(staff.token, { filter: { usernamePrefix: 'zz' } })).toEqual([]);
});

test('regex characters in the prefix are literal', async () => {
  expect(await names(auditor().token, { filter: { usernamePrefix: 'ol.' } })).toEqual(['ol.d']);
  expect(await names(auditor().token, { filter: { usernamePrefix: '.*' } })).toEqual([]);
  expect(usernamePrefixPattern('A.b*').source).toBe('^a\\.b\\*');
});

test('prefix and role combine; role as argument or in the filter', async () => {
  const staff = auditor();
  expect(await names(staff.token, { filter: { usernamePrefix: 'ol', role: 'OPERATOR' } })).toEqual(['olaf']);
  expect(await names(staff.token, { role: 'OPERATOR', filter: { usernamePrefix: 'ol' } })).toEqual(['olaf']);
  const clash = await h.run(USERS, { role: 'ADMIN', filter: { role: 'OPERATOR' } }, staff.token);
  expect(errorCode(clash)).toBe('BAD_USER_INPUT');
});

test('pages through the matches', async () => {
  const staff = auditor();
  const first = dataOf(await h.run<UsersPage>(USERS, { filter: { usernamePrefix: 'o' }, first: 3 }, staff.token)).users;
  expect(first.edges).toHaveLength(3);
  expect(first.pageInfo.hasNextPage).toBe(true);
  const rest = dataOf(await h.run<UsersPage>(USERS, { filter: { usernamePrefix: 'o' }, first: 3, after: first.pageInfo.endCursor }, staff.token)).users;
  expect([...first.edges, ...rest.edges].map((edge) => edge.node.username).sort()).toEqual(['Olga_ops', 'ol.d', 'olaf', 'olivia', 'oscar']);
  expect(rest.pageInfo.hasNextPage).toBe(false);
});

test.each(['', 'x'.repeat(33)])('a prefix of %j is BAD_USER_INPUT on filter.usernamePrefix', async (prefix) => {
  const result = await h.run(USERS, { filter: { usernamePrefix: prefix } }, auditor().token);
  expect(errorCode(result)).toBe('BAD_USER_INPUT');
  expect(errorField(result)).toBe('filter.usernamePrefix');
});

test.each([['USER', player], ['OPERATOR', operator]] as const)('%s may not search users', async (_role, make) => {
  expect(errorCode(await h.run(USERS, { filter: { usernamePrefix: 'ol' } }, make().token))).toBe('FORBIDDEN');
});
