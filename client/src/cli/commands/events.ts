import { formatRewards } from '../../format';
import { OperatorEventsDocument, type EventStatus } from '../../generated/graphql';
import { formatTable } from '../table';
import { MAX_PAGE, PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

const EVENT_STATUSES: readonly EventStatus[] = ['SCHEDULED', 'RUNNING', 'ENDED', 'INACTIVE'];

export const eventsCommand: Command = {
  name: 'events',
  summary: 'list events (operators see private and inactive ones too)',
  options: [
    { name: 'status', type: 'string', valueName: 'STATUS', choices: EVENT_STATUSES, description: 'only events with this status' },
    { name: 'first', type: 'integer', valueName: 'N', min: 1, max: MAX_PAGE, description: 'how many; default 20' },
    { name: 'json', type: 'boolean', description: 'print JSON instead of a table' },
  ],
  examples: [`${PROGRAM} events --status RUNNING --first 50`],
  async run(context, options) {
    const { client } = await openSession(context);
    const status = options.string('status') as EventStatus | undefined;
    const { events } = await client.execute(OperatorEventsDocument, {
      ...(status ? { filter: { status } } : {}),
      first: options.integer('first') ?? 20,
    });
    const nodes = events.edges.map((edge) => edge.node);
    if (options.flag('json')) {
      context.io.stdout(`${JSON.stringify(nodes, null, 2)}\n`);
      return;
    }
    if (!nodes.length) {
      context.io.stdout('No events.\n');
      return;
    }
    const rows = nodes.map((event) => [
      event.id,
      event.title,
      event.status,
      event.startsAt,
      event.endsAt,
      event.isPublic ? 'yes' : 'no',
      event.claimLimit === null ? 'unlimited' : `${event.claimsRemaining ?? 0}/${event.claimLimit}`,
      formatRewards(event.rewards),
    ]);
    context.io.stdout(formatTable(['ID', 'TITLE', 'STATUS', 'STARTS', 'ENDS', 'PUBLIC', 'LEFT', 'REWARDS'], rows));
    if (events.pageInfo.hasNextPage) context.io.stdout(`(more events exist; raise --first, up to ${MAX_PAGE})\n`);
  },
};
