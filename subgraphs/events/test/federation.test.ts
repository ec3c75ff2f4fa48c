import { EventsHarness } from '../../../test/support/events-harness';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { admin, auditor, operator, player } from '../../../test/support/tokens';

let h: EventsHarness;
const op = operator();

beforeEach(async () => {
  h = await EventsHarness.create();
});
afterEach(() => {
  jest.restoreAllMocks();
  return h.stop();
});

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { __typename ... on Event { id title status isPublic active createdBy { id } } }
}`;

interface EntityEvent {
  __typename: 'Event';
  id: string;
  title: string;
  status: string;
  isPublic: boolean;
  active: boolean;
  createdBy: { id: string } | null;
}

const entities = (ids: string[], token?: string) =>
  h.run<{ _entities: (EntityEvent | null)[] }>(ENTITIES, { representations: ids.map((id) => ({ __typename: 'Event', id })) }, token);

describe('_entities for Event', () => {
  let ids: { public: string; private: string; inactive: string };
  const missing = '0123456789abcdef01234567';

  beforeEach(async () => {
    ids = {
      public: (await h.createEvent(op.token, { title: 'public' })).id,
      private: (await h.createEvent(op.token, { title: 'private', isPublic: false })).id,
      inactive: (await h.createEvent(op.token, { title: 'inactive', active: false })).id,
    };
  });

  test('staff get every event, in the order asked, with resolved fields; null for missing or malformed ids', async () => {
    for (const caller of [op, auditor(), admin()]) {
      const result = dataOf(await entities([ids.inactive, missing, ids.public, 'not-an-id', ids.private], caller.token))._entities;
      expect(result).toEqual([
        { __typename: 'Event', id: ids.inactive, title: 'inactive', status: 'INACTIVE', isPublic: true, active: false, createdBy: { id: op.id } },
        null,
        { __typename: 'Event', id: ids.public, title: 'public', status: 'RUNNING', isPublic: true, active: true, createdBy: { id: op.id } },
        null,
        { __typename: 'Event', id: ids.private, title: 'private', status: 'RUNNING', isPublic: false, active: true, createdBy: { id: op.id } },
      ]);
    }
  });

  test('a USER gets null for events they may not see, and no createdBy', async () => {
    const result = dataOf(await entities([ids.private, ids.public, ids.inactive], player().token))._entities;
    expect(result).toEqual([null, { __typename: 'Event', id: ids.public, title: 'public', status: 'RUNNING', isPublic: true, active: true, createdBy: null }, null]);
  });

  test('several representations cost one store query', async () => {
    const store = h.app.stores.events;
    const findByIds = jest.spyOn(store, 'findByIds');
    const findById = jest.spyOn(store, 'findById');
    const result = dataOf(await entities([ids.public, ids.private, ids.inactive, missing, ids.public], op.token))._entities;
    expect(result.map((event) => event?.id ?? null)).toEqual([ids.public, ids.private, ids.inactive, null, ids.public]);
    expect(findByIds).toHaveBeenCalledTimes(1);
    expect(findById).not.toHaveBeenCalled();
    expect([...(findByIds.mock.calls[0]?.[0] ?? [])].sort()).toEqual([ids.public, ids.private, ids.inactive, missing].sort());
  });

  test('anonymous callers are UNAUTHENTICATED', async () => {
    expect(errorCode(await entities([ids.public]))).toBe('UNAUTHENTICATED');
  });
});

describe('_service', () => {
  test('is open to anonymous callers and declares Event keyed by id', async () => {
    const sdl = dataOf(await h.run<{ _service: { sdl: string } }>(`{ _service { sdl } }`))._service.sdl;
    expect(sdl).toMatch(/type Event\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/extend schema\s+@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2/);
  });
});
