import { Role } from '@platform/shared';
import { errorCode } from '../../../test/support/graphql-result';
import { UsersHarness } from '../../../test/support/users-harness';

let h: UsersHarness;
beforeEach(async () => {
  h = await UsersHarness.create();
});
afterEach(() => h.stop());

const BAN = `mutation($id: ID!, $until: DateTime) { banUser(userId: $id, until: $until) { id bannedUntil } }`;

test('banUser(until:) refuses an impossible date (BAD_USER_INPUT) and bans no one', async () => {
  const admin = await h.userWithRoles('date_admin', [Role.USER, Role.ADMIN]);
  const player = await h.signUp('date_player');
  const year = h.clock.now().getUTCFullYear() + 1;
  for (const until of [`${year}-02-30T00:00:00Z`, `${year}-04-31T00:00:00Z`, `${year}-06-01T24:00:00Z`]) {
    expect(errorCode(await h.run(BAN, { id: player.id, until }, admin.token))).toBe('BAD_USER_INPUT');
    const inline = await h.run(`mutation { banUser(userId: "${player.id}", until: "${until}") { id } }`, {}, admin.token);
    expect(errorCode(inline)).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
  }
  expect((await h.app.stores.users.findById(player.id))?.bannedUntil).toBeNull();
});
