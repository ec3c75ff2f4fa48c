import { AdvanceTestClockDocument } from '../../generated/graphql';
import { UsageError } from '../args';
import { PROGRAM, type Command } from '../command';
import { openSession } from '../open-session';

export const advanceClockCommand: Command = {
  name: 'advance-clock',
  summary: "move the platform's test clock forward (ADMIN; staging with TEST_CLOCK=enabled only)",
  options: [
    { name: 'days', type: 'integer', valueName: 'N', min: 1, max: 366, description: 'whole days' },
    { name: 'seconds', type: 'integer', valueName: 'N', min: 1, max: 366 * 86_400, description: 'seconds (instead of --days)' },
  ],
  examples: [`${PROGRAM} advance-clock --days 1`],
  async run(context, options) {
    const days = options.integer('days');
    const seconds = options.integer('seconds');
    if ((days === undefined) === (seconds === undefined)) throw new UsageError('Give exactly one of --days or --seconds.', 'advance-clock');
    const { client } = await openSession(context);
    const { advanceTestClock: now } = await client.execute(AdvanceTestClockDocument, { seconds: seconds ?? (days ?? 0) * 86_400 });
    context.io.stdout(`The platform's clock now reads ${now}.\n`);
  },
};
