import { encodeCursor } from '@platform/shared';
import { EventsHarness } from '../../../test/support/events-harness';
import { allEventIds, EVENTS, fromNow, HOUR, type EventsPage } from '../../../test/support/event-operations';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { admin, auditor, operator, player } from '../../../test/support/tokens';

let h: EventsHarness;
const op = operator();

beforeEach(async () => {
  h = await EventsHarness.create();
});
afterEach(() => h.stop());

const page = async (token: string, variables: { first?: number; after?: string | null; filter?: Record<string, unknown> }) =>
  dataOf(await h.run<EventsPage>(EVENTS, variables, token)).events;

/** Creates events at the given start offsets (hours from now); returns their ids in (startsAt, id) order. */
async function createAt(offsetsInHours: number[]): Promise<string[]> {
  const created: { id: string; startsAt: number }[] = [];
  for (const [i, offset] of offsetsInHours.entries()) {
    const startsAt = h.clock.now().getTime() + offset * HOUR;
    const { id } = await h.createEvent(op.token, {
      title: `event ${i}`,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 48 * HOUR).toISOString(),
    });
    created.push({ id, startsAt });
  }
  return created.sort((a, b) => a.startsAt - b.startsAt || (a.id < b.id ? -1 : 1)).map((event) => event.id);
}

async function pageThrough(token: string, first: number, filter: Record<string, unknown> = {}) {
  const pages: string[][] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const current: EventsPage['events'] = await page(token, { first, after, filter });
    pages.push(current.edges.map((edge) => edge.node.id));
    expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
    if (!current.pageInfo.hasNextPage) return pages;
    after = current.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('events paging', () => {
  test('ordered by startsAt then id; first=2 pages through with no gap and no duplicate, ties included', async () => {
    // Three events share a start, two others share another: ties are broken by id.
    const expected = await createAt([5, 1, 1, -2, 1, 5, 3]);
    const pages = await pageThrough(op.token, 2);
    expect(pages.map((ids) => ids.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat()).toEqual(expected);
    expect(new Set(pages.flat()).size).toBe(expected.length);
  });

  test('when the last page is exactly full, hasNextPage is false on it (no empty page after)', async () => {
    const expected = await createAt([0, 0, 1, 1]);
    const pages = await pageThrough(op.token, 2);
    expect(pages).toEqual([expected.slice(0, 2), expected.slice(2)]);
  });

  test('events created while paging do not shift the pages already read', async () => {
    const expected = await createAt([1, 2, 3, 4]);
    const first = await page(op.token, { first: 2 });
    expect(first.edges.map((edge) => edge.node.id)).toEqual(expected.slice(0, 2));
    await createAt([0]); // sorts before the cursor: must not reappear or push items into the next page
    const second = await page(op.token, { first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((edge) => edge.node.id)).toEqual(expected.slice(2));
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  test('first defaults to 20 and may be 100', async () => {
    await createAt(Array.from({ length: 21 }, (_, i) => i));
    const byDefault = await page(op.token, {});
    expect(byDefault.edges).toHaveLength(20);
    expect(byDefault.pageInfo.hasNextPage).toBe(true);
    const hundred = await page(op.token, { first: 100 });
    expect(hundred.edges).toHaveLength(21);
    expect(hundred.pageInfo.hasNextPage).toBe(false);
  });

  test('an empty list has no cursor and no next page', async () => {
    expect(await page(op.token, { first: 5 })).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  test.each([0, -1, 101])('first=%i is BAD_USER_INPUT on first', async (first) => {
    const result = await h.run(EVENTS, { first }, op.token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.['field']).toBe('first');
  });

  test.each([
    ['not base64 JSON', 'garbage!'],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a key with the wrong types', encodeCursor(['2024', 'abc'])],
    ['a key with too many parts', encodeCursor([0, '0123456789abcdef01234567', 1])],
    ['a key whose id is not an id', encodeCursor([0, 'not-an-id'])],
    ['a key whose time is no date', encodeCursor([1e20, '0123456789abcdef01234567'])],
  ])('a cursor that is %s is BAD_USER_INPUT on after', async (_name, after) => {
    await createAt([0, 1]);
    for (const caller of [op, player()]) {
      const result = await h.run(EVENTS, { first: 1, after }, caller.token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.['field']).toBe('after');
    }
  });
});

describe('events filters', () => {
  // now = N. Names say what a staff member sees.
  let ids: Record<'scheduledPublic' | 'runningPublic' | 'endedPublic' | 'inactivePublic' | 'scheduledPrivate' | 'runningPrivate' | 'endedPrivateInactive', string>;

  beforeEach(async () => {
    const at = (startsInHours: number, endsInHours: number, extra: Record<string, unknown> = {}) =>
      h.createEvent(op.token, { startsAt: fromNow(h, startsInHours * HOUR), endsAt: fromNow(h, endsInHours * HOUR), ...extra }).then((event) => event.id);
    ids = {
      scheduledPublic: await at(1, 2),
      runningPublic: await at(-1, 1),
      endedPublic: await at(-3, -2),
      inactivePublic: await at(-0.5, 1, { active: false }),
      scheduledPrivate: await at(2, 3, { isPublic: false }),
      runningPrivate: await at(-2, 2, { isPublic: false }),
      endedPrivateInactive: await at(-4, -3, { isPublic: false, active: false }),
    };
  });

  const list = (token: string, filter: Record<string, unknown>) => allEventIds(h, token, filter);

  test('status: each of the four, for staff', async () => {
    expect(await list(op.token, { status: 'SCHEDULED' })).toEqual([ids.scheduledPublic, ids.scheduledPrivate]);
    expect(await list(op.token, { status: 'RUNNING' })).toEqual([ids.runningPrivate, ids.runningPublic]);
    expect(await list(op.token, { status: 'ENDED' })).toEqual([ids.endedPublic]);
    expect(await list(op.token, { status: 'INACTIVE' })).toEqual([ids.endedPrivateInactive, ids.inactivePublic]);
  });

  test('status follows the clock', async () => {
    h.clock.advance(1.5 * HOUR);
    expect(await list(op.token, { status: 'SCHEDULED' })).toEqual([ids.scheduledPrivate]);
    expect(await list(op.token, { status: 'RUNNING' })).toEqual([ids.runningPrivate, ids.scheduledPublic]);
    expect(await list(op.token, { status: 'ENDED' })).toEqual([ids.endedPublic, ids.runningPublic]);
  });

  test('isPublic, for staff', async () => {
    expect(await list(op.token, { isPublic: true })).toEqual([ids.endedPublic, ids.runningPublic, ids.inactivePublic, ids.scheduledPublic]);
    expect(await list(op.token, { isPublic: false })).toEqual([ids.endedPrivateInactive, ids.runningPrivate, ids.scheduledPrivate]);
  });

  test('startsAfter and startsBefore are exclusive bounds on startsAt', async () => {
    expect(await list(op.token, { startsAfter: fromNow(h, 0) })).toEqual([ids.scheduledPublic, ids.scheduledPrivate]);
    expect(await list(op.token, { startsBefore: fromNow(h, -HOUR) })).toEqual([ids.endedPrivateInactive, ids.endedPublic, ids.runningPrivate]);
    // runningPrivate starts exactly at -2h and scheduledPrivate exactly at +2h: both excluded.
    expect(await list(op.token, { startsAfter: fromNow(h, -2 * HOUR), startsBefore: fromNow(h, 2 * HOUR) })).toEqual([
      ids.runningPublic,
      ids.inactivePublic,
      ids.scheduledPublic,
    ]);
  });

  test('filters combine (AND)', async () => {
    expect(await list(op.token, { status: 'RUNNING', isPublic: true })).toEqual([ids.runningPublic]);
    expect(await list(op.token, { status: 'RUNNING', isPublic: false })).toEqual([ids.runningPrivate]);
    expect(await list(op.token, { status: 'SCHEDULED', startsAfter: fromNow(h, 1.5 * HOUR) })).toEqual([ids.scheduledPrivate]);
    expect(await list(op.token, { status: 'SCHEDULED', startsBefore: fromNow(h, 1.5 * HOUR) })).toEqual([ids.scheduledPublic]);
    expect(await list(op.token, { status: 'RUNNING', startsBefore: fromNow(h, -1.5 * HOUR) })).toEqual([ids.runningPrivate]);
    expect(await list(op.token, { status: 'ENDED', isPublic: false })).toEqual([]);
    expect(await list(op.token, { status: 'INACTIVE', isPublic: true })).toEqual([ids.inactivePublic]);
    expect(await list(op.token, { isPublic: false, startsBefore: fromNow(h, 0) })).toEqual([ids.endedPrivateInactive, ids.runningPrivate]);
    // A startsAfter in the past does not let SCHEDULED include events that already started.
    expect(await list(op.token, { status: 'SCHEDULED', startsAfter: fromNow(h, -10 * HOUR) })).toEqual([ids.scheduledPublic, ids.scheduledPrivate]);
  });

  test('a filtered list pages like the full one', async () => {
    const pages = await pageThrough(op.token, 1, { status: 'RUNNING' });
    expect(pages).toEqual([[ids.runningPrivate], [ids.runningPublic]]);
  });

  test('a USER sees public, active events only, whatever the filter says', async () => {
    const p = player();
    expect(await list(p.token, {})).toEqual([ids.endedPublic, ids.runningPublic, ids.scheduledPublic]);
    expect(await list(p.token, { isPublic: true })).toEqual([ids.endedPublic, ids.runningPublic, ids.scheduledPublic]);
    expect(await list(p.token, { status: 'SCHEDULED' })).toEqual([ids.scheduledPublic]);
    expect(await list(p.token, { status: 'RUNNING' })).toEqual([ids.runningPublic]);
    expect(await list(p.token, { status: 'ENDED' })).toEqual([ids.endedPublic]);
    expect(await list(p.token, { startsAfter: fromNow(h, -HOUR - 1) })).toEqual([ids.runningPublic, ids.scheduledPublic]);
  });

  test('a USER asking for private or INACTIVE events gets an empty page', async () => {
    const p = player();
    for (const filter of [{ isPublic: false }, { status: 'INACTIVE' }, { status: 'INACTIVE', isPublic: true }, { isPublic: false, status: 'RUNNING' }]) {
      expect(await page(p.token, { filter })).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    }
  });

  test('auditors and admins list everything operators do', async () => {
    const everything = await list(op.token, {});
    expect(everything).toHaveLength(7);
    expect(await list(auditor().token, {})).toEqual(everything);
    expect(await list(admin().token, {})).toEqual(everything);
  });

  test('each node reports the status that matches the filter', async () => {
    for (const status of ['SCHEDULED', 'RUNNING', 'ENDED', 'INACTIVE']) {
      const nodes = (await page(op.token, { filter: { status }, first: 100 })).edges.map((edge) => edge.node);
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((node) => node.status === status)).toBe(true);
    }
  });
});
