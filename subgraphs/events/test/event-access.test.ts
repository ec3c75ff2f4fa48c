import { Role } from '@platform/shared';
import { EventsHarness } from '../../../test/support/events-harness';
import { allEventIds, CREATE_EVENT, EVENT, eventInput, EVENTS, HOUR, UPDATE_EVENT, type EventView } from '../../../test/support/event-operations';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { admin, auditor, callerWith, operator, player, type TestCaller } from '../../../test/support/tokens';

let h: EventsHarness;
const op = operator();

beforeEach(async () => {
  h = await EventsHarness.create();
});
afterEach(() => h.stop());

const readEvent = async (id: string, token: string) => dataOf(await h.run<{ event: EventView | null }>(EVENT, { id }, token)).event;

describe('role table: createEvent and updateEvent', () => {
  const allowed: [string, () => TestCaller][] = [
    ['OPERATOR', operator],
    ['ADMIN', admin],
    ['USER + OPERATOR', () => callerWith([Role.USER, Role.OPERATOR])],
  ];
  const refused: [string, () => TestCaller][] = [
    ['USER', () => player()],
    ['AUDITOR', auditor],
  ];

  test.each(allowed)('%s may create and update events', async (_name, make) => {
    const caller = make();
    const created = dataOf(await h.run<{ createEvent: EventView }>(CREATE_EVENT, { input: eventInput(h) }, caller.token)).createEvent;
    expect(created.createdBy).toEqual({ id: caller.id });
    const updated = dataOf(await h.run<{ updateEvent: EventView }>(UPDATE_EVENT, { id: created.id, input: { title: 'Renamed' } }, caller.token)).updateEvent;
    expect(updated.title).toBe('Renamed');
  });

  test.each(refused)('%s is FORBIDDEN to create or update, and nothing changes', async (_name, make) => {
    const caller = make();
    const created = await h.createEvent(op.token);
    const create = await h.run(CREATE_EVENT, { input: eventInput(h, { title: 'Sneaky' }) }, caller.token);
    expect(errorCode(create)).toBe('FORBIDDEN');
    const update = await h.run(UPDATE_EVENT, { id: created.id, input: { title: 'Sneaky' } }, caller.token);
    expect(errorCode(update)).toBe('FORBIDDEN');
    expect(await allEventIds(h, op.token)).toEqual([created.id]);
    expect((await readEvent(created.id, op.token))?.title).toBe('Weekend bonus');
  });

  test('anonymous callers and broken tokens are UNAUTHENTICATED', async () => {
    const created = await h.createEvent(op.token);
    for (const token of [undefined, 'not-a-jwt']) {
      expect(errorCode(await h.run(CREATE_EVENT, { input: eventInput(h) }, token))).toBe('UNAUTHENTICATED');
      expect(errorCode(await h.run(UPDATE_EVENT, { id: created.id, input: { title: 'x' } }, token))).toBe('UNAUTHENTICATED');
    }
    expect(await allEventIds(h, op.token)).toEqual([created.id]);
  });
});

describe('role table: event and events need a signed-in caller', () => {
  test('anonymous callers are UNAUTHENTICATED on event and events', async () => {
    const created = await h.createEvent(op.token);
    expect(errorCode(await h.run(EVENT, { id: created.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.run(EVENTS, {}))).toBe('UNAUTHENTICATED');
  });

  test.each([
    ['USER', () => player()],
    ['OPERATOR', operator],
    ['AUDITOR', auditor],
    ['ADMIN', admin],
  ] as [string, () => TestCaller][])('%s may read event and events', async (_name, make) => {
    const caller = make();
    const created = await h.createEvent(op.token);
    expect((await readEvent(created.id, caller.token))?.id).toBe(created.id);
    expect(await allEventIds(h, caller.token)).toEqual([created.id]);
  });
});

describe('visibility', () => {
  let visible: string;
  let hidden: { private: string; inactive: string; privateInactive: string };

  beforeEach(async () => {
    const startsAt = h.clock.now().getTime() - HOUR;
    // Distinct start times so list order is known.
    const at = (i: number) => ({ startsAt: new Date(startsAt + i).toISOString() });
    visible = (await h.createEvent(op.token, at(0))).id;
    hidden = {
      private: (await h.createEvent(op.token, { ...at(1), isPublic: false })).id,
      inactive: (await h.createEvent(op.token, { ...at(2), active: false })).id,
      privateInactive: (await h.createEvent(op.token, { ...at(3), isPublic: false, active: false })).id,
    };
  });

  test('a USER sees only public, active events: event(id) is null for the others, events leaves them out', async () => {
    const p = player();
    expect((await readEvent(visible, p.token))?.id).toBe(visible);
    for (const id of Object.values(hidden)) {
      const result = await h.run<{ event: EventView | null }>(EVENT, { id }, p.token);
      expect(result.errors).toBeUndefined();
      expect(result.data?.event).toBeNull();
    }
    expect(await allEventIds(h, p.token)).toEqual([visible]);
  });

  test('event(id) is null, without an error, for a missing or malformed id', async () => {
    for (const caller of [player(), op]) {
      for (const id of ['0123456789abcdef01234567', 'not-an-id', '', `${visible}0`, visible.toUpperCase()]) {
        const result = await h.run<{ event: EventView | null }>(EVENT, { id }, caller.token);
        expect(result.errors).toBeUndefined();
        expect(result.data?.event).toBeNull();
      }
    }
  });

  test.each([
    ['OPERATOR', operator],
    ['AUDITOR', auditor],
    ['ADMIN', admin],
  ] as [string, () => TestCaller][])('%s sees every event', async (_name, make) => {
    const caller = make();
    const all = [visible, hidden.private, hidden.inactive, hidden.privateInactive];
    for (const id of all) expect((await readEvent(id, caller.token))?.id).toBe(id);
    expect(await allEventIds(h, caller.token)).toEqual(all);
  });

  test('createdBy is null for a USER and the creator for staff', async () => {
    expect((await readEvent(visible, player().token))?.createdBy).toBeNull();
    for (const caller of [op, auditor(), admin()]) {
      expect((await readEvent(visible, caller.token))?.createdBy).toEqual({ id: op.id });
    }
    const listed = dataOf(await h.run<{ events: { edges: { node: { createdBy: { id: string } | null } }[] } }>(`{ events { edges { node { createdBy { id } } } } }`, {}, player().token));
    expect(listed.events.edges.map((edge) => edge.node.createdBy)).toEqual([null]);
  });

  test('a USER who also holds a staff role sees what staff see', async () => {
    const both = callerWith([Role.USER, Role.AUDITOR]);
    expect((await readEvent(hidden.private, both.token))?.createdBy).toEqual({ id: op.id });
    expect(await allEventIds(h, both.token)).toHaveLength(4);
  });
});

describe('status is derived from active, the schedule and the clock', () => {
  test('SCHEDULED before startsAt, RUNNING from startsAt, ENDED from endsAt on; INACTIVE whenever switched off', async () => {
    const startsAt = h.clock.now().getTime() + HOUR;
    const endsAt = startsAt + 2 * HOUR;
    const schedule = { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() };
    const live = await h.createEvent(op.token, schedule);
    const off = await h.createEvent(op.token, { ...schedule, active: false });
    const statusAt = async (ms: number) => {
      h.clock.set(new Date(ms));
      return [(await readEvent(live.id, op.token))?.status, (await readEvent(off.id, op.token))?.status];
    };
    expect(await statusAt(startsAt - HOUR)).toEqual(['SCHEDULED', 'INACTIVE']);
    expect(await statusAt(startsAt - 1)).toEqual(['SCHEDULED', 'INACTIVE']);
    expect(await statusAt(startsAt)).toEqual(['RUNNING', 'INACTIVE']);
    expect(await statusAt(endsAt - 1)).toEqual(['RUNNING', 'INACTIVE']);
    expect(await statusAt(endsAt)).toEqual(['ENDED', 'INACTIVE']);
    expect(await statusAt(endsAt + 30 * 24 * HOUR)).toEqual(['ENDED', 'INACTIVE']);
  });

  test('switching an event off and on again moves it to INACTIVE and back', async () => {
    const event = await h.createEvent(op.token);
    const status = async (input: Record<string, unknown>) =>
      dataOf(await h.run<{ updateEvent: EventView }>(UPDATE_EVENT, { id: event.id, input }, op.token)).updateEvent.status;
    expect(await status({ active: false })).toBe('INACTIVE');
    expect(await status({ active: true })).toBe('RUNNING');
  });
});

describe('operators are re-checked against their account, not only their token', () => {
  const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
  const input = () => ({
    title: 'Stale token',
    startsAt: new Date(Date.now() - 1000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    rewards: [{ coupon: { couponId: 'c', quantity: 1 } }],
  });

  test('a demoted operator, a banned one, and one whose account is gone are refused', async () => {
    const h = await EventsHarness.create();
    const demoted = operator();
    h.players.setAccount(demoted.id, [Role.USER]);
    const refused = await h.run(CREATE, { input: input() }, demoted.token);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/roles have changed/);

    const banned = operator();
    h.players.setAccount(banned.id, [Role.OPERATOR], new Date(h.clock.now().getTime() + 60_000));
    expect(errorCode(await h.run(CREATE, { input: input() }, banned.token))).toBe('FORBIDDEN');

    const current = operator();
    h.players.setAccount(current.id, [Role.OPERATOR]);
    expect(errorCode(await h.run(CREATE, { input: input() }, current.token))).toBeUndefined();
    await h.stop();
  });

  test('when users cannot answer, operator mutations fail closed with SERVICE_UNAVAILABLE', async () => {
    const h = await EventsHarness.create();
    h.players.down = true;
    expect(errorCode(await h.run(CREATE, { input: input() }, operator().token))).toBe('SERVICE_UNAVAILABLE');
    await h.stop();
  });
});
