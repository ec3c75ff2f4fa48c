import { parse } from 'graphql';
import { DEFAULT_QUERY_LIMITS, measureOperations } from '@platform/shared';
import { errorCode } from '../../test/support/graphql-result';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.stop());

/** claim → event → myClaim → event … nests without end unless the gateway stops it. */
function nestedClaims(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = i % 2 === 0 ? `myClaim { ${selection} }` : `event { ${selection} }`;
  return `{ rewardClaims { edges { node { event { ${selection} } } } } }`;
}

/** Fragment i spreads fragment i+1 twice: 2^levels fields once expanded, a few hundred bytes written. */
function doublingFragments(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Event { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : 'id title'} }`);
  return `${fragments.join('\n')}\n{ events { edges { node { ...F0 } } } }`;
}

test('operations nested beyond 12 levels are refused before planning, with the depth named', async () => {
  const session = await platform.signUp('deep_diver');
  const tooDeep = await platform.request(nestedClaims(10), {}, session.token);
  expect(errorCode(tooDeep)).toBe('QUERY_TOO_COMPLEX');
  expect(tooDeep.errors).toHaveLength(1);
  expect(tooDeep.errors?.[0]?.message).toMatch(/nested 15 levels deep; the limit is 12/);
});

test('fragments count toward depth, and ordinary deep queries pass', async () => {
  const session = await platform.signUp('fragment_fan');
  const viaFragments = await platform.request(
    `fragment E on Event { myClaim { event { myClaim { event { myClaim { event { myClaim { event { id } } } } } } } } }
     { rewardClaims { edges { node { event { ...E } } } } }`, {}, session.token,
  );
  // rewardClaims, edges, node, event + 8 levels in E + id = 13.
  expect(errorCode(viaFragments)).toBe('QUERY_TOO_COMPLEX');
  const ordinary = await platform.request(nestedClaims(5), {}, session.token);
  expect(ordinary.errors).toBeUndefined();
});

test('fragments are measured once however often they are spread: linear time, exact counts', () => {
  const shapes = [...measureOperations(parse(doublingFragments(40))).values()];
  // 2^39 spreads of the last fragment, two fields each: counted, not walked.
  expect(shapes[0]?.fields).toBe(3 + 2 ** 40);
  expect(shapes[0]?.depth).toBe(4);
});

test('a doubling fragment fan-out is refused by its expanded field count, before the standard rules walk it', async () => {
  const session = await platform.signUp('fan_out_fred');
  const result = await platform.request(doublingFragments(40), {}, session.token);
  expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
  expect(result.errors?.[0]?.message).toMatch(new RegExp(`selects \\d+ fields; the limit is ${DEFAULT_QUERY_LIMITS.maxFields}`));
});
