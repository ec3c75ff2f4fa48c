import { buildSchema, index, modelOptions, prop } from '@typegoose/typegoose';
import type { Connection, Model } from 'mongoose';
import { Types } from 'mongoose';
import { bindModel } from '@platform/shared';
import { chainedEntry, type AuditEntryRecord, type AuditQuery, type AuditStore, type NewAuditEntry } from '../audit';
import { isDuplicateKeyError } from './duplicate-key';

/** Append-only: the service only inserts; `seq` is unique, which serializes appends. */
@modelOptions({ schemaOptions: { collection: 'audit_log', versionKey: false } })
@index({ seq: 1 }, { unique: true, name: 'seq_unique' })
@index({ actorId: 1, seq: -1 }, { name: 'actor_newest_first' })
@index({ targetId: 1, seq: -1 }, { name: 'target_newest_first' })
@index({ action: 1, seq: -1 }, { name: 'action_newest_first' })
export class AuditEntryDoc {
  @prop({ required: true })
  _id!: Types.ObjectId;

  @prop({ required: true })
  seq!: number;

  @prop({ required: true })
  at!: Date;

  @prop({ required: true })
  actorId!: string;

  @prop({ required: true })
  action!: string;

  @prop({ required: true })
  targetType!: string;

  @prop({ required: true })
  targetId!: string;

  @prop({ required: true })
  summary!: string;

  @prop({ type: String, default: null })
  requestId!: string | null;

  @prop({ type: String, default: '' })
  prevHash!: string;

  @prop({ required: true })
  hash!: string;
}

export const auditEntrySchema = buildSchema(AuditEntryDoc);

/** Appends that lost the race for a seq try again on the new tail; this many is a stuck log. */
const MAX_APPEND_ATTEMPTS = 100;

const toRecord = (doc: AuditEntryDoc): AuditEntryRecord => ({
  id: doc._id.toHexString(),
  seq: doc.seq,
  at: doc.at,
  actorId: doc.actorId,
  action: doc.action,
  targetType: doc.targetType,
  targetId: doc.targetId,
  summary: doc.summary,
  requestId: doc.requestId ?? null,
  prevHash: doc.prevHash ?? '',
  hash: doc.hash,
});

function filterOf(query: AuditQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.actorId !== undefined) filter['actorId'] = query.actorId;
  if (query.targetId !== undefined) filter['targetId'] = query.targetId;
  if (query.action !== undefined) filter['action'] = query.action;
  if (query.after || query.before) filter['at'] = { ...(query.after ? { $gt: query.after } : {}), ...(query.before ? { $lt: query.before } : {}) };
  return filter;
}

export class MongoAuditStore implements AuditStore {
  private readonly model: Model<AuditEntryDoc>;

  constructor(connection: Connection) {
    this.model = bindModel<AuditEntryDoc>(connection, 'AuditEntry', auditEntrySchema);
  }

  /**
   * Reads the tail, inserts seq + 1 chained to it; the unique seq index refuses a second
   * insert of the same seq, and the loser re-reads the tail and tries again.
   */
  async append(entry: NewAuditEntry): Promise<AuditEntryRecord> {
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const tail = await this.model.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean<Pick<AuditEntryDoc, 'seq' | 'hash'>>();
      const linked = chainedEntry(entry, tail ?? null);
      try {
        await this.model.create([{ ...linked, _id: new Types.ObjectId(linked.id) }]);
        return linked;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    throw new Error(`the audit log's tail kept moving under ${MAX_APPEND_ATTEMPTS} append attempts`);
  }

  async list(query: AuditQuery, beforeSeq: number | undefined, limit: number): Promise<AuditEntryRecord[]> {
    const filter = filterOf(query);
    if (beforeSeq !== undefined) filter['seq'] = { $lt: beforeSeq };
    const docs = await this.model.find(filter).sort({ seq: -1 }).limit(limit).lean<AuditEntryDoc[]>();
    return docs.map(toRecord);
  }

  count(query: AuditQuery): Promise<number> {
    return this.model.countDocuments(filterOf(query));
  }

  async chain(afterSeq: number, limit: number): Promise<AuditEntryRecord[]> {
    const docs = await this.model.find({ seq: { $gt: afterSeq } }).sort({ seq: 1 }).limit(limit).lean<AuditEntryDoc[]>();
    return docs.map(toRecord);
  }
}
