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

test('operations nested beyond 12 levels are refused before planning, with the depth named', async () => {
  const session = await platform.signUp('deep_diver');
  const tooDeep = await platform.request(nestedClaims(10), {}, session.token);
  expect(errorCode(tooDeep)).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(tooDeep.errors?.[0]?.message).toMatch(/nested 15 levels deep; the limit is 12/);
});

test('fragments count toward depth, and ordinary deep queries pass', async () => {
  const session = await platform.signUp('fragment_fan');
  const viaFragments = await platform.request(
    `fragment E on Event { myClaim { event { myClaim { event { myClaim { event { myClaim { event { id } } } } } } } } }
     { rewardClaims { edges { node { event { ...E } } } } }`, {}, session.token,
  );
  // rewardClaims, edges, node, event + 8 levels in E + id = 13.
  expect(errorCode(viaFragments)).toBe('GRAPHQL_VALIDATION_FAILED');
  const ordinary = await platform.request(nestedClaims(5), {}, session.token);
  expect(ordinary.errors).toBeUndefined();
});
