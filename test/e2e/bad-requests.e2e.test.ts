import { createHash } from 'node:crypto';
import { errorCode } from '../support/graphql-result';
import { postGraphQL, startTestPlatform, type TestPlatform } from '../support/platform';

let platform: TestPlatform;
let errorLines: string[];
let restoreStderr: () => void;
const previousLevel = process.env['LOG_LEVEL'];

beforeAll(async () => {
  platform = await startTestPlatform();
  // Debug level on from here, so that anything logged at all is seen, and error-level lines counted.
  process.env['LOG_LEVEL'] = 'debug';
  const write = process.stderr.write.bind(process.stderr);
  errorLines = [];
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of text.split('\n')) if (/"level":\s*("error"|"fatal"|5\d|60)/.test(line)) errorLines.push(line);
    void rest;
    return true;
  }) as typeof process.stderr.write;
  restoreStderr = () => {
    process.stderr.write = write;
  };
});
afterAll(async () => {
  restoreStderr();
  await platform.stop();
  if (previousLevel === undefined) delete process.env['LOG_LEVEL'];
  else process.env['LOG_LEVEL'] = previousLevel;
});

const post = (body: Record<string, unknown>) => postGraphQL(platform.url, body);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

test.each([
  ['an unknown operationName', { query: 'query A { __typename } query B { __typename }', operationName: 'C' }, /Unknown operation named "C"/],
  ['an operationName for an anonymous operation', { query: '{ __typename }', operationName: 'Named' }, /Unknown operation named "Named"/],
  ['two anonymous operations', { query: '{ __typename } { __typename }' }, /name the one to run|anonymous/i],
  ['two named operations and no operationName', { query: 'query A { __typename } query B { __typename }' }, /2 operations: name the one to run/],
  ['a persisted-query hash that does not match the query', { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ me { id } }') } } }, /does not match/],
  ['an unsupported persisted-query version', { query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ __typename }') } } }, /version/],
])('%s is a 400 client mistake, logged below error level', async (_name, body, message) => {
  errorLines.length = 0;
  const { status, body: result } = await post(body);
  expect(status).toBe(400);
  expect(errorCode(result)).toMatch(/^(BAD_REQUEST|GRAPHQL_VALIDATION_FAILED)$/);
  expect(result.errors?.[0]?.message).toMatch(message);
  expect(errorLines).toEqual([]);
});

test('unknown operationName and hash mismatches are BAD_REQUEST exactly', async () => {
  const unknown = await post({ query: 'query A { __typename }', operationName: 'B' });
  expect(errorCode(unknown.body)).toBe('BAD_REQUEST');
  const mismatch = await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('other') } } });
  expect(errorCode(mismatch.body)).toBe('BAD_REQUEST');
});
