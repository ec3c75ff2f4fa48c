import mongoose from 'mongoose';
import { DomainError, transactionOptions } from '@platform/shared';
import { EventsHarness } from '../../../test/support/events-harness';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { operator, player } from '../../../test/support/tokens';
import { isTransientDatabaseError, translateTransient } from '../src/store/mongo/transactions';

const { MongoServerError, MongoOperationTimeoutError, MongoNetworkError } = mongoose.mongo;

describe('which database failures are worth retrying', () => {
  test.each([
    ['an exhausted transaction time budget', new MongoOperationTimeoutError('Timed out during withTransaction')],
    ['a WriteConflict labelled TransientTransactionError', new MongoServerError({ code: 112, errmsg: 'WriteConflict', errorLabels: ['TransientTransactionError'] })],
    ['an unknown commit result', new MongoServerError({ code: 50, errmsg: 'operation exceeded time limit', errorLabels: ['UnknownTransactionCommitResult'] })],
    ['a primary stepping down', new MongoServerError({ code: 189, errmsg: 'PrimarySteppedDown' })],
    ['a lost connection', new MongoNetworkError('connection reset')],
  ])('%s', (_what, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  test.each([
    ['a duplicate key', new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key' })],
    ['a validation failure', new MongoServerError({ code: 121, errmsg: 'Document failed validation' })],
    ['a plain error', new Error('bug')],
    ['a thrown string', 'oops'],
  ])('not %s', (_what, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });

  test('translateTransient: SERVICE_UNAVAILABLE with a retry hint; anything else passes through untouched', async () => {
    const busy = await translateTransient(() => Promise.reject(new MongoOperationTimeoutError('timed out'))).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(DomainError);
    expect(busy).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { retryAfterSeconds: 1 } });
    const bug = new Error('bug');
    await expect(translateTransient(() => Promise.reject(bug))).rejects.toBe(bug);
  });

  test('every grant transaction: snapshot reads, majority commit, a bounded time', () => {
    expect(transactionOptions(5000)).toEqual({ readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' }, timeoutMS: 5000 });
  });
});

describe('a claim whose grant transaction ran out of time', () => {
  let h: EventsHarness;
  beforeEach(async () => {
    h = await EventsHarness.create();
  });
  afterEach(() => h.stop());

  test('reaches the player as SERVICE_UNAVAILABLE with retryAfterSeconds; a retry with the same key is granted once', async () => {
    const op = operator();
    const { id } = await h.createEvent(op.token, { claimLimit: 5 });
    const p = player();
    h.players.set(p.id);
    jest.spyOn(h.app.stores.claims, 'grant').mockImplementationOnce(() => translateTransient(() => Promise.reject(new MongoOperationTimeoutError('timed out'))));
    const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id, idempotencyKey: "tap-1") { __typename } }`;
    const busy = await h.run(CLAIM, { id }, p.token);
    expect(errorCode(busy)).toBe('SERVICE_UNAVAILABLE');
    expect(busy.errors?.[0]?.extensions?.['retryAfterSeconds']).toBe(1);
    expect(busy.errors?.[0]?.message).not.toMatch(/timed out/);

    expect(dataOf(await h.run<{ claimReward: { __typename: string } }>(CLAIM, { id }, p.token)).claimReward.__typename).toBe('RewardClaimed');
    expect(dataOf(await h.run<{ claimReward: { __typename: string } }>(CLAIM, { id }, p.token)).claimReward.__typename).toBe('RewardClaimed');
    expect(await h.app.stores.claims.countGranted(id)).toBe(1);
    expect(h.players.creditsOf(p.id)).toBe(1);
  });
});
