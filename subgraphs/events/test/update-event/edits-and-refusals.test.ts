import { fromNow, HOUR } from '../../../../test/support/event-operations';
import { useFreshHarness, h, op, update, updated, read, expectRefused } from './support';

useFreshHarness();

describe('partial updates', () => {
  test('changing the title keeps every other field; updatedAt moves to now, createdAt stays', async () => {
    const { id } = await h.createEvent(op.token, {
      description: 'Log in and win',
      isPublic: false,
      claimLimit: 50,
      challenges: [{ totalLogins: { count: 3 } }],
      rewards: [{ item: { itemId: 'sword', quantity: 1 } }],
    });
    const before = await read(id);
    h.clock.advance(HOUR);
    const after = await updated(id, { title: 'Renamed' });
    expect(after).toEqual({ ...before, title: 'Renamed', updatedAt: h.clock.now().toISOString() });
    expect(after.createdAt).toBe(before.createdAt);
    expect(await read(id)).toEqual(after);
  });

  test('every field can change at once', async () => {
    const { id } = await h.createEvent(op.token, { description: 'old' });
    const input = {
      title: 'New title',
      description: 'new',
      startsAt: fromNow(h, 2 * HOUR),
      endsAt: fromNow(h, 4 * HOUR),
      isPublic: false,
      active: false,
      challenges: [{ itemCount: { itemId: 'potion', count: 2 } }],
      rewards: [{ coupon: { couponId: 'vip', quantity: 3 } }, { currency: { currency: 'CASH', amount: 7 } }],
      claimLimit: 9,
    };
    const after = await updated(id, input);
    expect(after).toMatchObject({
      title: 'New title',
      description: 'new',
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      isPublic: false,
      active: false,
      status: 'INACTIVE',
      challenges: [{ __typename: 'ItemCountChallenge', itemId: 'potion', count: 2 }],
      rewards: [
        { __typename: 'CouponReward', couponId: 'vip', quantity: 3 },
        { __typename: 'CurrencyReward', currency: 'CASH', amount: 7 },
      ],
      claimLimit: 9,
      claimsRemaining: 9,
    });
    expect(await read(id)).toEqual(after);
  });

  test('description: null clears it, leaving it out keeps it', async () => {
    const { id } = await h.createEvent(op.token, { description: 'Some text' });
    expect((await updated(id, { title: 'Other' })).description).toBe('Some text');
    expect((await updated(id, { description: null })).description).toBeNull();
    expect((await read(id)).description).toBeNull();
  });

  test('null on title, isPublic or active means unchanged', async () => {
    const { id } = await h.createEvent(op.token, { isPublic: false });
    const after = await updated(id, { title: null, isPublic: null, active: null });
    expect(after).toMatchObject({ title: 'Weekend bonus', isPublic: false, active: true });
  });

  test('an empty input changes nothing but updatedAt', async () => {
    const { id } = await h.createEvent(op.token);
    const before = await read(id);
    h.clock.advance(1000);
    expect(await updated(id, {})).toEqual({ ...before, updatedAt: h.clock.now().toISOString() });
  });
});

describe('refusals', () => {
  test('unknown or malformed id → NOT_FOUND', async () => {
    expectRefused(await update('0123456789abcdef01234567', { title: 'x' }), 'NOT_FOUND');
    expectRefused(await update('nope', { title: 'x' }), 'NOT_FOUND');
  });

  test('the schedule is checked against the stored values: endsAt before or at startsAt → BAD_USER_INPUT', async () => {
    const startsAt = fromNow(h, -HOUR);
    const endsAt = fromNow(h, 24 * HOUR);
    const { id } = await h.createEvent(op.token, { startsAt, endsAt });
    const before = await read(id);
    expectRefused(await update(id, { endsAt: fromNow(h, -2 * HOUR) }), 'BAD_USER_INPUT', 'input.endsAt');
    expectRefused(await update(id, { endsAt: startsAt }), 'BAD_USER_INPUT', 'input.endsAt');
    expectRefused(await update(id, { startsAt: fromNow(h, 25 * HOUR) }), 'BAD_USER_INPUT', 'input.endsAt');
    expectRefused(await update(id, { startsAt: endsAt }), 'BAD_USER_INPUT', 'input.endsAt');
    expect(await read(id)).toEqual(before);
    // Moving both together is fine.
    const moved = await updated(id, { startsAt: fromNow(h, 25 * HOUR), endsAt: fromNow(h, 26 * HOUR) });
    expect(moved.status).toBe('SCHEDULED');
  });

  test.each([
    ['an empty title', { title: '  ' }, 'input.title'],
    ['a 5001-character description', { description: 'd'.repeat(5001) }, 'input.description'],
    ['no rewards', { rewards: [] }, 'input.rewards'],
    ['a reward with two fields', { rewards: [{ currency: { currency: 'COIN', amount: 1 }, coupon: { couponId: 'c', quantity: 1 } }] }, 'input.rewards[0]'],
    ['a challenge with no field', { challenges: [{}] }, 'input.challenges[0]'],
    ['a challenge count of 0', { challenges: [{ distinctItems: { count: 0 } }] }, 'input.challenges[0].distinctItems.count'],
    ['claimLimit 0', { claimLimit: 0 }, 'input.claimLimit'],
  ])('%s → BAD_USER_INPUT, event unchanged', async (_name, input, field) => {
    const { id } = await h.createEvent(op.token);
    const before = await read(id);
    expectRefused(await update(id, input), 'BAD_USER_INPUT', field);
    expect(await read(id)).toEqual(before);
  });
});
