import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isUnionType } from 'graphql';
import { unionSelectionFiles } from '../../scripts/union-selections';
import { CHALLENGE_CLASSES } from '../../subgraphs/events/src/schema/challenges';
import { REWARD_CLASSES } from '../../subgraphs/events/src/schema/rewards';
import { EVENTS_RULES } from '../../subgraphs/events/src/permissions';

const root = join(__dirname, '..', '..');
const api = readFileSync(join(root, 'schema', 'api.graphql'), 'utf8');

test('the generated union selections (client fragments, IDE and test helpers) are what `npm run compose` writes', () => {
  for (const [path, content] of Object.entries(unionSelectionFiles(api))) {
    // On failure: run `npm run compose` (then `npm run codegen`) and check the result in.
    expect({ path, content: readFileSync(join(root, path), 'utf8') }).toEqual({ path, content });
  }
});

test('the Challenge and Reward unions are exactly the registries, in their order', () => {
  const schema = buildSchema(api);
  const membersOf = (name: string) => {
    const union = schema.getType(name);
    return isUnionType(union) ? union.getTypes().map((type) => type.name) : [];
  };
  expect(membersOf('Challenge')).toEqual(CHALLENGE_CLASSES.map((type) => type.name));
  expect(membersOf('Reward')).toEqual(REWARD_CLASSES.map((type) => type.name));
  const input = schema.getType('ChallengeInput');
  expect(input && 'getFields' in input ? Object.keys(input.getFields()).length : 0).toBe(CHALLENGE_CLASSES.length);
});

test('every union member has a shield rule (none falls to deny-by-default)', () => {
  const ruled = Object.keys(EVENTS_RULES);
  for (const type of [...CHALLENGE_CLASSES, ...REWARD_CLASSES]) expect({ type: type.name, ruled: ruled.includes(type.name) }).toEqual({ type: type.name, ruled: true });
});
