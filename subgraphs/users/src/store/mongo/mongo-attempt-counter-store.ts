import type { Connection } from 'mongoose';
import type { AttemptCount, AttemptCounterStore } from '../attempt-counters';
import { isDuplicateKeyError } from './duplicate-key';
import { usersModels, type UsersModels } from './models';

/**
 * One update that counts an attempt: +1 while the window is open, else a new window with
 * count 1. An aggregation pipeline, so the expiry test and the write are one atomic step
 * (a plain `$inc` could not restart an expired window).
 */
export function attemptHitUpdate(windowMs: number, now: Date) {
  const open = { $gt: ['$expiresAt', now] };
  return [
    {
      $set: {
        count: { $cond: [open, { $add: ['$count', 1] }, 1] },
        expiresAt: { $cond: [open, '$expiresAt', new Date(now.getTime() + windowMs)] },
      },
    },
  ];
}

interface CounterDoc {
  _id: string;
  count: number;
  expiresAt: Date;
}

/** Counters in `attempt_counters`, one document per key; a TTL index removes closed windows. */
export class MongoAttemptCounterStore implements AttemptCounterStore {
  private readonly models: UsersModels;

  constructor(connection: Connection) {
    this.models = usersModels(connection);
  }

  async hit(key: string, windowMs: number, now: Date): Promise<AttemptCount> {
    // Pipeline updates go to the driver: mongoose would try to cast them as a document.
    const collection = this.models.AttemptCounter.collection;
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = (await collection.findOneAndUpdate({ _id: key } as never, attemptHitUpdate(windowMs, now), { upsert: true, returnDocument: 'after' })) as CounterDoc | null;
        if (!doc) throw new Error(`attempt counter ${key} was not returned by its upsert`);
        return { count: doc.count, expiresAt: doc.expiresAt };
      } catch (error) {
        // Two first attempts upserted at once: the loser retries as an update.
        if (!isDuplicateKeyError(error) || attempt >= 3) throw error;
      }
    }
  }

  async release(key: string, now: Date): Promise<void> {
    await this.models.AttemptCounter.updateOne({ _id: key, expiresAt: { $gt: now }, count: { $gt: 0 } }, { $inc: { count: -1 } });
  }

  async clear(key: string): Promise<void> {
    await this.models.AttemptCounter.deleteOne({ _id: key });
  }
}
