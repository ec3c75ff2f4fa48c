import { buildSchema, modelOptions, prop } from '@typegoose/typegoose';
import type { Connection, Model } from 'mongoose';
import { bindModel } from '@platform/shared';
import type { TestClockStore } from '../ports';

/** The one document holding the test clock's offset (TEST_CLOCK=enabled only). */
@modelOptions({ schemaOptions: { collection: 'test_clock', versionKey: false } })
export class TestClockDoc {
  @prop({ required: true })
  _id!: string;

  @prop({ required: true, default: 0, min: 0 })
  offsetMs!: number;
}

const CLOCK_ID = 'platform';
const testClockSchema = buildSchema(TestClockDoc);

export function testClockModel(connection: Connection): Model<TestClockDoc> {
  return bindModel<TestClockDoc>(connection, 'TestClock', testClockSchema);
}

export class MongoTestClockStore implements TestClockStore {
  private readonly model: Model<TestClockDoc>;

  constructor(connection: Connection) {
    this.model = testClockModel(connection);
  }

  async offsetMs(): Promise<number> {
    const doc = await this.model.findById(CLOCK_ID).lean<{ offsetMs?: number }>();
    return doc?.offsetMs ?? 0;
  }

  /** One atomic $inc: parallel advances all count, whichever users instance serves them. */
  async advance(ms: number): Promise<number> {
    const doc = await this.model.findOneAndUpdate({ _id: CLOCK_ID }, { $inc: { offsetMs: ms } }, { upsert: true, returnDocument: 'after' }).lean<{ offsetMs: number }>();
    return doc?.offsetMs ?? ms;
  }
}
