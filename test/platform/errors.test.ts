import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { badInput, createErrorFormatter } from '@platform/shared';

const logged: unknown[] = [];
const format = createErrorFormatter((error) => logged.push(error));
const formatted = (error: GraphQLError): GraphQLFormattedError => format(error.toJSON(), error);

beforeEach(() => {
  logged.length = 0;
});

test('domain errors keep their message, code and field', () => {
  const error = new GraphQLError('wrapped', { originalError: badInput('title must be 1–200 characters.', 'input.title'), path: ['createEvent'] });
  expect(formatted(error)).toEqual({ message: 'title must be 1–200 characters.', path: ['createEvent'], extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } });
  expect(logged).toHaveLength(0);
});

test('relayed protocol errors keep only the code and client details, not internal extensions', () => {
  const error = new GraphQLError('Refresh token expired: log in again.', {
    extensions: { code: 'UNAUTHENTICATED', serviceName: 'users', response: { url: 'http://users.internal:4001/graphql', body: { secret: 1 } } },
  });
  expect(formatted(error)).toEqual({ message: 'Refresh token expired: log in again.', extensions: { code: 'UNAUTHENTICATED' } });
});

test('anything else is masked for the client and logged in full', () => {
  const error = new GraphQLError('connect ECONNREFUSED 10.0.0.7:27017', { originalError: new Error('connect ECONNREFUSED 10.0.0.7:27017'), path: ['me'] });
  expect(formatted(error)).toEqual({ message: 'Internal server error', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(logged).toHaveLength(1);
  const unknownCode = new GraphQLError('x', { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } });
  expect(formatted(unknownCode).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
});

test('SERVICE_UNAVAILABLE relayed by the gateway keeps its retry hint', () => {
  const error = new GraphQLError('The database is busy; try again with the same idempotency key.', {
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1, serviceName: 'events' },
  });
  expect(formatted(error).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });
});
