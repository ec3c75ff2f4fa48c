import type { Connection } from 'mongoose';
import { pingDatabase } from '@platform/shared';
import { Types } from 'mongoose';
import type { EventQuery } from '../event-query';
import type { EditOutcome, EventEdit, EventStore } from '../ports';
import type { EventRecord } from '../records';
import { toEventDoc, toEventRecord, type LeanEvent } from './mappers';
import { eventsModels, type EventsModels } from './models';
import { buildEventFilter, EVENT_SORT } from './queries';
import { buildEdit } from './stock-queries';
import { translateTransient } from './transactions';

/** What reads hand out: never the reservations (they belong to the stock port). */
const PUBLIC_FIELDS = { reservations: 0 } as const;

export class MongoEventStore implements EventStore {
  private readonly models: EventsModels;

  constructor(private readonly connection: Connection) {
    this.models = eventsModels(connection);
  }

  async insert(event: EventRecord): Promise<void> {
    await this.models.Event.create([toEventDoc(event)]);
  }

  async findById(id: string): Promise<EventRecord | null> {
    const doc = await translateTransient(() => this.models.Event.findById(new Types.ObjectId(id), PUBLIC_FIELDS).lean<LeanEvent>());
    return doc ? toEventRecord(doc) : null;
  }

  async findByIds(ids: readonly string[]): Promise<EventRecord[]> {
    const docs = await this.models.Event.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, PUBLIC_FIELDS).lean<LeanEvent[]>();
    return docs.map(toEventRecord);
  }

  async list(query: EventQuery): Promise<EventRecord[]> {
    const docs = await this.models.Event.find(buildEventFilter(query), PUBLIC_FIELDS).sort(EVENT_SORT).limit(query.limit).lean<LeanEvent[]>();
    return docs.map(toEventRecord);
  }

  /** One conditional update; when it matches nothing, one read says why (as the memory store decides). */
  async update(id: string, expectedVersion: number, edit: EventEdit): Promise<EditOutcome> {
    return translateTransient(async () => {
      const { filter, update } = buildEdit(id, expectedVersion, edit);
      const doc = await this.models.Event.findOneAndUpdate(filter, update, { returnDocument: 'after', runValidators: true, projection: PUBLIC_FIELDS }).lean<LeanEvent>();
      if (doc) return { outcome: 'updated', event: toEventRecord(doc) };
      const current = await this.findById(id);
      if (!current) return { outcome: 'not-found' };
      if (current.version !== expectedVersion) return { outcome: 'changed' };
      if (edit.changesContent && current.frozen) return { outcome: 'frozen' };
      if (edit.stock?.kind === 'set' || edit.stock?.kind === 'period-limit') return { outcome: 'changed' };
      return { outcome: 'stock-too-low', event: current };
    });
  }

  async freeze(id: string, expectedVersion: number): Promise<boolean> {
    return translateTransient(async () => {
      const result = await this.models.Event.updateOne({ _id: new Types.ObjectId(id), version: expectedVersion }, { $set: { frozen: true } });
      return result.matchedCount === 1;
    });
  }

  /** A real round trip: fails when there is no database handle or it does not answer in time. */
  async ping(): Promise<void> {
    await pingDatabase(this.connection);
  }
}
