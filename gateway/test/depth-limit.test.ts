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

test('wide fragment fan-out is measured in linear time, not exponential', async () => {
  const session = await platform.signUp('fan_out_fred');
  // 5 fragments, each spreading the next 80 times through aliases: 80^5 paths if re-walked.
  const levels = 5;
  const width = 80;
  const fragments = Array.from({ length: levels }, (_, level) => {
    const next = level + 1 < levels ? `{ ...F${level + 1} }` : '{ id }';
    const fields = Array.from({ length: width }, (_, i) => `a${i}: myClaim ${level + 1 < levels ? `{ event ${next} }` : '{ id }'}`).join(' ');
    return `fragment F${level} on Event { ${fields} }`;
  }).join('\n');
  const started = Date.now();
  const result = await platform.request(`${fragments}\n{ rewardClaims { edges { node { event { ...F0 } } } } }`, {}, session.token);
  expect(result.errors?.[0]?.message).toMatch(/nested \d+ levels deep/);
  // Generous bound: the exponential version took minutes here.
  expect(Date.now() - started).toBeLessThan(5000);
});
