import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import type { SessionStore } from '../ports';
import { ROTATED_HASHES_KEPT, type SessionRecord } from '../records';
import { isDuplicateKeyError } from './duplicate-key';
import { usersModels, type UsersModels } from './models';

interface LeanSession {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  deviceId: string;
  tokenHash: string;
  rotatedTokenHashes?: string[];
  createdAt: Date;
  expiresAt: Date;
}

const toRecord = (doc: LeanSession): SessionRecord => ({
  id: doc._id.toHexString(),
  userId: doc.userId.toHexString(),
  deviceId: doc.deviceId,
  tokenHash: doc.tokenHash,
  rotatedTokenHashes: doc.rotatedTokenHashes ?? [],
  createdAt: doc.createdAt,
  expiresAt: doc.expiresAt,
});

/**
 * Rotations and revocations are acknowledged by a majority: one rolled back by a failover
 * would bring an exchanged (or revoked) refresh token back to life.
 */
const MAJORITY = { writeConcern: { w: 'majority' as const } };

const asObjectId = (id: string) => (Types.ObjectId.isValid(id) && id.length === 24 ? new Types.ObjectId(id) : null);

export class MongoSessionStore implements SessionStore {
  private readonly models: UsersModels;

  constructor(connection: Connection) {
    this.models = usersModels(connection);
  }

  /** Delete-then-insert; the unique (userId, deviceId) index settles two racing log-ins. */
  async replaceForDevice(session: SessionRecord): Promise<void> {
    const doc = { ...session, _id: new Types.ObjectId(session.id), userId: new Types.ObjectId(session.userId) };
    for (let attempt = 0; ; attempt++) {
      await this.models.Session.deleteMany({ userId: doc.userId, deviceId: session.deviceId });
      try {
        await this.models.Session.create([doc]);
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt >= 5) throw error;
      }
    }
  }

  async findById(id: string): Promise<SessionRecord | null> {
    const objectId = asObjectId(id);
    if (!objectId) return null;
    const doc = await this.models.Session.findById(objectId).lean<LeanSession>();
    return doc ? toRecord(doc) : null;
  }

  /** Conditional on the current hash, so of two refreshes with one token only one wins. */
  async rotate(id: string, expectedHash: string, nextHash: string, expiresAt: Date): Promise<boolean> {
    const objectId = asObjectId(id);
    if (!objectId) return false;
    const result = await this.models.Session.updateOne(
      { _id: objectId, tokenHash: expectedHash },
      { $set: { tokenHash: nextHash, expiresAt }, $push: { rotatedTokenHashes: { $each: [expectedHash], $slice: -ROTATED_HASHES_KEPT } } },
      MAJORITY,
    );
    return result.modifiedCount === 1;
  }

  async deleteById(id: string): Promise<boolean> {
    const objectId = asObjectId(id);
    return objectId ? (await this.models.Session.deleteOne({ _id: objectId }, MAJORITY)).deletedCount === 1 : false;
  }

  async deleteForDevice(userId: string, deviceId: string): Promise<number> {
    return (await this.models.Session.deleteMany({ userId: new Types.ObjectId(userId), deviceId }, MAJORITY)).deletedCount;
  }

  async deleteAllForUser(userId: string): Promise<number> {
    return (await this.models.Session.deleteMany({ userId: new Types.ObjectId(userId) }, MAJORITY)).deletedCount;
  }
}
