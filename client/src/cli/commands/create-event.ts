import { resolve } from 'node:path';
import { formatChallenge, formatRewards } from '../../format';
import { CreateEventDocument } from '../../generated/graphql';
import { readCreateEventInput } from '../event-file';
import { PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

export const createEventCommand: Command = {
  name: 'create-event',
  summary: 'create an event from a JSON or YAML file holding a CreateEventInput',
  options: [
    { name: 'file', type: 'string', valueName: 'FILE', required: true, description: 'event.json, event.yaml or event.yml' },
    { name: 'json', type: 'boolean', description: 'print the created event as JSON' },
  ],
  examples: [
    `${PROGRAM} create-event --file spring-sale.yaml`,
    '',
    '  # spring-sale.yaml',
    '  title: Spring sale',
    '  startsAt: 2026-03-01T00:00:00Z',
    '  endsAt: 2026-03-08T00:00:00Z',
    '  claimLimit: 1000',
    '  challenges:',
    '    - loginStreak: { days: 3 }',
    '    - currency: { currency: COIN, comparison: AT_MOST, amount: 500 }',
    '  rewards:',
    '    - currency: { currency: CASH, amount: 100 }',
    '    - item: { itemId: sword, quantity: 1 }',
  ],
  async run(context, options) {
    const input = await readCreateEventInput(resolve(context.cwd, options.requiredString('file')));
    const { client } = await openSession(context);
    const { createEvent: event } = await client.execute(CreateEventDocument, { input });
    if (options.flag('json')) {
      context.io.stdout(`${JSON.stringify(event, null, 2)}\n`);
      return;
    }
    const lines = [
      `Created event ${event.id} "${event.title}" (${event.status}${event.isPublic ? '' : ', private'}${event.active ? '' : ', inactive'})`,
      `  runs      ${event.startsAt} → ${event.endsAt}`,
      `  claims    ${event.claimLimit === null ? 'unlimited' : `limit ${event.claimLimit}`}`,
      `  challenges ${event.challenges.length ? event.challenges.map(formatChallenge).join('; ') : 'none (open to all)'}`,
      `  rewards   ${formatRewards(event.rewards)}`,
    ];
    context.io.stdout(`${lines.join('\n')}\n`);
  },
};
