import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { dataOf } from '../support/graphql-result';
import { postGraphQL, startTestPlatform, TEST_ADMIN, type GraphQLResponse, type TestPlatform } from '../support/platform';
import { DAY, setFuzzTargets, tokens, type FuzzCase } from './fuzz-cases';
import { allCases, GENERATORS } from './fuzz-generators';

/**
 * Seeded, deterministic bad inputs for every public operation, sent to the real gateway
 * over HTTP. Each must be refused with a typed error (or a ClaimRejected), without a stack
 * trace or internal detail, and the platform's state must be exactly as before.
 */

let platform: TestPlatform;
let playerId = '';
let eventId = '';

beforeAll(async () => {
  platform = await startTestPlatform();
  tokens.admin = (await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password)).token;
  const operator = await platform.signUp('fuzz_operator');
  await platform.request(`mutation($id: ID!) { setRoles(userId: $id, roles: [OPERATOR]) { id } }`, { id: operator.id }, tokens.admin);
  tokens.operator = (await platform.logIn('fuzz_operator')).token;
  const player = await platform.signUp('fuzz_player');
  playerId = player.id;
  tokens.player = player.token;
  await platform.request(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { coins: 50, items: [{ itemId: "potion", quantity: 2 }], note: "fuzz seed" }) { coins } }`, { id: playerId }, tokens.admin);
  eventId = dataOf(
    await platform.request<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      { input: { title: 'Fuzz target', startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString(), claimLimit: 5, rewards: [{ currency: { currency: 'COIN', amount: 10 } }] } },
      tokens.operator,
    ),
  ).createEvent.id;
  setFuzzTargets({ playerId, eventId });
  // One granted claim, so claims and holdings are not trivially empty.
  await platform.request(`mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`, { id: eventId }, tokens.player);
});
afterAll(() => platform.stop());

/** Everything the bad inputs must not change, read as the admin sees it. */
async function snapshot(): Promise<unknown> {
  return dataOf(
    await platform.request(
      `{
        users(first: 100) { edges { node { id username roles bannedUntil
          profile { cash coins inventory { itemId quantity } coupons { couponId quantity } loginStats { totalLogins loginDays } } } } pageInfo { hasNextPage } }
        events(first: 100) { edges { node { id title description startsAt endsAt isPublic active claimLimit claimsRemaining updatedAt
          challenges { __typename } rewards { __typename } } } pageInfo { hasNextPage } }
        rewardClaims(first: 100) { totalCount edges { node { id status delivery } } }
        auditLog(first: 1) { totalCount edges { node { hash } } }
      }`,
      {},
      tokens.admin,
    ),
  );
}

// ---------------------------------------------------------------------------------------
// What every answer must look like
// ---------------------------------------------------------------------------------------

/** Extensions a client may see; anything else would be internal detail. */
const CLIENT_EXTENSIONS = new Set(['code', 'field', 'retryAt', 'retryAfter', 'retryAfterSeconds']);
const INTERNAL_DETAIL = /node_modules|\/work\/|\.ts:\d+|\.js:\d+|\n\s+at |stacktrace|ECONNREFUSED|127\.0\.0\.1|mongo|MongoServerError|TypeError|ReferenceError/i;

type Answer = GraphQLResponse<Record<string, unknown>>;

async function send(fuzzCase: FuzzCase): Promise<Answer> {
  const authorization = fuzzCase.authorization ?? (fuzzCase.who === 'anonymous' ? undefined : `Bearer ${tokens[fuzzCase.who]}`);
  return postGraphQL(platform.url, { query: fuzzCase.query, variables: fuzzCase.variables }, authorization ? { authorization } : {});
}

/** Why an answer is wrong, or null when it is a proper refusal. */
function problemWith(fuzzCase: FuzzCase, answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  const leak = INTERNAL_DETAIL.exec(answer.text.replace(JSON.stringify(fuzzCase.variables).slice(1, -1), ''));
  if (leak) return `internal detail in the response: "${leak[0]}"`;
  const errors = answer.body.errors ?? [];
  for (const error of errors) {
    const code = error.extensions?.['code'];
    if (typeof code !== 'string') return `an error without extensions.code: ${error.message}`;
    if (code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${error.message}`;
    const extra = Object.keys(error.extensions ?? {}).filter((key) => !CLIENT_EXTENSIONS.has(key));
    if (extra.length > 0) return `internal extensions ${extra.join(', ')}`;
  }
  if (errors.length > 0) return null;
  const claim = answer.body.data?.['claimReward'] as { __typename?: string } | undefined;
  if (claim?.__typename === 'ClaimRejected') return null;
  return `accepted: ${answer.text.slice(0, 200)}`;
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  return results;
}

test('the generated cases are deterministic and cover every public operation', () => {
  const api = buildSchema(readFileSync(join(__dirname, '../../schema/api.graphql'), 'utf8'));
  const rootFields = [...Object.keys(api.getQueryType()!.getFields()), ...Object.keys(api.getMutationType()!.getFields())].sort();
  expect(Object.keys(GENERATORS).sort()).toEqual(rootFields);
  const cases = allCases();
  expect(cases.length).toBeGreaterThanOrEqual(1000);
  const digest = (values: FuzzCase[]) => createHash('sha256').update(JSON.stringify(values)).digest('hex');
  expect(digest(allCases())).toBe(digest(cases));
});

test('every bad input is refused with a typed error or a ClaimRejected, leaks nothing and changes nothing', async () => {
  const before = await snapshot();
  const cases = allCases();
  const answers = await inBatches(cases, 8, send);
  const problems = cases.flatMap((fuzzCase, index) => {
    const problem = problemWith(fuzzCase, answers[index]!);
    return problem ? [`${fuzzCase.operation} as ${fuzzCase.who} ${JSON.stringify(fuzzCase.variables).slice(0, 300)}${fuzzCase.authorization ? ` auth=${fuzzCase.authorization.slice(0, 40)}` : ''}: ${problem}`] : [];
  });
  expect(problems).toEqual([]);
  expect(await snapshot()).toEqual(before);
}, 60_000);
