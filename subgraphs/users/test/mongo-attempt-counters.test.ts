import mongoose from 'mongoose';
import { invalidPaths } from '../../../test/support/mongo-validation';
import { unopenedUsersModels } from './unopened-models';
import { attemptCounterSchema, type UsersModels } from '../src/store/mongo/models';
import { attemptHitUpdate, MongoAttemptCounterStore } from '../src/store/mongo/mongo-attempt-counter-store';

/**
 * What the MongoDB attempt counters promise without a server (the contract suite runs the
 * real thing when MONGODB_URI is set): a TTL index tidies closed windows, and one counting
 * step is a single pipeline upsert whose expressions do what the memory adapter does.
 */

let connection: mongoose.Connection;
let models: UsersModels;

unopenedUsersModels((opened, made) => {
  connection = opened;
  models = made;
});

const MINUTE = 60_000;
const T0 = new Date('2030-01-01T00:00:00Z').getTime();
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);

test('closed windows are removed by a TTL index on expiresAt', () => {
  const ttl = (attemptCounterSchema as unknown as mongoose.Schema).indexes().find(([fields]) => JSON.stringify(fields) === JSON.stringify({ expiresAt: 1 }));
  expect(ttl?.[1]).toMatchObject({ expireAfterSeconds: 0 });
});

/** A string `_id`: invalidPaths is typed for ObjectId ones, but validates any document. */
const counter = (fields: Record<string, unknown>) => new models.AttemptCounter(fields) as unknown as mongoose.Document;

test('a counter document needs its key, a count of at least zero and an expiry', async () => {
  expect(await invalidPaths(counter({ _id: 'login:global', count: 3, expiresAt: at(1) }))).toEqual([]);
  expect(await invalidPaths(counter({ _id: 'k', count: -1, expiresAt: at(1) }))).toEqual(['count']);
  expect(await invalidPaths(counter({ _id: 'k', count: 1 }))).toEqual(['expiresAt']);
  expect(await invalidPaths(counter({ count: 1, expiresAt: at(1) }))).toEqual(['_id']);
});

/** The aggregation operators the update uses, with MongoDB's meaning (a missing field sorts below any date). */
type Expression = unknown;
function evaluate(expression: Expression, doc: Record<string, unknown>): unknown {
  if (typeof expression === 'string' && expression.startsWith('$')) return doc[expression.slice(1)] ?? null;
  if (expression === null || typeof expression !== 'object' || expression instanceof Date) return expression;
  const [operator, args] = Object.entries(expression as Record<string, Expression[]>)[0]!;
  const values = args.map((arg) => evaluate(arg, doc));
  if (operator === '$cond') return values[0] ? evaluate(args[1], doc) : evaluate(args[2], doc);
  if (operator === '$add') return (values[0] as number) + (values[1] as number);
  if (operator === '$gt') return values[0] instanceof Date && values[1] instanceof Date ? values[0].getTime() > values[1].getTime() : values[0] !== null && values[1] === null;
  throw new Error(`operator ${operator} not modelled`);
}

function applyHit(doc: Record<string, unknown>, windowMs: number, now: Date) {
  const [stage, ...rest] = attemptHitUpdate(windowMs, now);
  expect(rest).toEqual([]);
  const set = stage!.$set as Record<string, Expression>;
  return { ...doc, ...Object.fromEntries(Object.entries(set).map(([field, expression]) => [field, evaluate(expression, doc)])) };
}

test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
  ['a new key (the upsert starts from only the _id)', { _id: 'k' }, { _id: 'k', count: 1, expiresAt: at(15) }],
  ['an open window', { _id: 'k', count: 4, expiresAt: at(3) }, { _id: 'k', count: 5, expiresAt: at(3) }],
  ['a window closing right now', { _id: 'k', count: 9, expiresAt: at(0) }, { _id: 'k', count: 1, expiresAt: at(15) }],
  ['a closed window the TTL monitor has not removed yet', { _id: 'k', count: 9, expiresAt: at(-1) }, { _id: 'k', count: 1, expiresAt: at(15) }],
])('one counting step on %s', (_case, before, after) => {
  expect(applyHit(before, 15 * MINUTE, at(0))).toEqual(after);
});

test('hit is one findOneAndUpdate upsert by key that returns the counted document', async () => {
  const store = new MongoAttemptCounterStore(connection);
  const collection = models.AttemptCounter.collection;
  const spy = jest.spyOn(collection, 'findOneAndUpdate').mockResolvedValue({ _id: 'login:global', count: 7, expiresAt: at(15) } as never);
  try {
    expect(await store.hit('login:global', 15 * MINUTE, at(0))).toEqual({ count: 7, expiresAt: at(15) });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]).toEqual([{ _id: 'login:global' }, attemptHitUpdate(15 * MINUTE, at(0)), { upsert: true, returnDocument: 'after' }]);
  } finally {
    spy.mockRestore();
  }
});

test('two first hits racing on the upsert: the loser (duplicate key) counts again as an update', async () => {
  const store = new MongoAttemptCounterStore(connection);
  const spy = jest
    .spyOn(models.AttemptCounter.collection, 'findOneAndUpdate')
    .mockRejectedValueOnce(Object.assign(new Error('E11000 duplicate key'), { code: 11000 }))
    .mockResolvedValueOnce({ _id: 'k', count: 2, expiresAt: at(1) } as never);
  try {
    expect(await store.hit('k', MINUTE, at(0))).toEqual({ count: 2, expiresAt: at(1) });
    expect(spy).toHaveBeenCalledTimes(2);
  } finally {
    spy.mockRestore();
  }
});
