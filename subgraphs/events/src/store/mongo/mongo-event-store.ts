import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import type { EventQuery } from '../event-query';
import type { EventStore } from '../ports';
import type { EventRecord } from '../records';
import { toEventDoc, toEventRecord, type LeanEvent } from './mappers';
import { eventsModels, type EventsModels } from './models';
import { buildEventFilter, EVENT_SORT } from './queries';

export class MongoEventStore implements EventStore {
  private readonly models: EventsModels;

  constructor(private readonly connection: Connection) {
    this.models = eventsModels(connection);
  }

  async insert(event: EventRecord): Promise<void> {
    await this.models.Event.create([toEventDoc(event)]);
  }

  async findById(id: string): Promise<EventRecord | null> {
    const doc = await this.models.Event.findById(new Types.ObjectId(id)).lean<LeanEvent>();
    return doc ? toEventRecord(doc) : null;
  }

  async findByIds(ids: readonly string[]): Promise<EventRecord[]> {
    const docs = await this.models.Event.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<LeanEvent[]>();
    return docs.map(toEventRecord);
  }

  async list(query: EventQuery): Promise<EventRecord[]> {
    const docs = await this.models.Event.find(buildEventFilter(query)).sort(EVENT_SORT).limit(query.limit).lean<LeanEvent[]>();
    return docs.map(toEventRecord);
  }

  async replaceIfUnchanged(next: EventRecord, expected: { version: number; grantedCount: number }): Promise<boolean> {
    const { _id, version: _version, grantedCount: _granted, createdAt: _created, createdBy: _creator, ...fields } = toEventDoc(next);
    const result = await this.models.Event.updateOne(
      { _id, version: expected.version, grantedCount: expected.grantedCount },
      { $set: fields, $inc: { version: 1 } },
      { runValidators: true },
    );
    return result.matchedCount === 1;
  }

  async ping(): Promise<void> {
    await this.connection.db?.admin().ping();
  }
}
