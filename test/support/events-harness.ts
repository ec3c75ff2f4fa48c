import { ManualClock } from '@platform/shared';
import { createEventsApp, type EventsApp } from '../../subgraphs/events/src/server';
import { createMemoryEventsStores } from '../../subgraphs/events/src/store/memory';
import type { EventsStores } from '../../subgraphs/events/src/store/ports';
import { testConfig } from './config';
import { FakePlayerDirectory } from './fake-player-directory';
import { MemoryAuditRecorder } from './memory-audit-recorder';
import { executeWithToken } from './execute';
import type { GraphQLResult } from './graphql-result';

const HOUR = 60 * 60 * 1000;

/** The events subgraph's real schema and context, executed in-process, users faked. */
export class EventsHarness {
  private constructor(
    readonly app: EventsApp,
    readonly clock: ManualClock,
    readonly players: FakePlayerDirectory,
    /** What events recorded in the audit log (users keeps the real one). */
    readonly audit: MemoryAuditRecorder,
  ) {}

  static async create(options: { stores?: EventsStores; clock?: ManualClock; players?: FakePlayerDirectory; audit?: MemoryAuditRecorder } = {}): Promise<EventsHarness> {
    const clock = options.clock ?? new ManualClock();
    const players = options.players ?? new FakePlayerDirectory();
    const audit = options.audit ?? new MemoryAuditRecorder();
    const app = await createEventsApp(testConfig(), options.stores ?? createMemoryEventsStores(), { clock, players, revoker: players, audit });
    await app.apollo.start();
    return new EventsHarness(app, clock, players, audit);
  }

  async run<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> {
    return executeWithToken(this.app.apollo, this.app.contextFor, query, variables, token);
  }

  /** A running event (started an hour ago, ends in a day) with one coin reward, unless overridden. */
  async createEvent(token: string, input: Record<string, unknown> = {}): Promise<{ id: string }> {
    const now = this.clock.now().getTime();
    const result = await this.run<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Weekend bonus',
          startsAt: new Date(now - HOUR).toISOString(),
          endsAt: new Date(now + 24 * HOUR).toISOString(),
          rewards: [{ currency: { currency: 'COIN', amount: 100 } }],
          ...input,
        },
      },
      token,
    );
    const event = result.data?.createEvent;
    if (!event) throw new Error(`createEvent failed: ${JSON.stringify(result.errors)}`);
    return event;
  }

  stop() {
    return this.app.apollo.stop();
  }
}
