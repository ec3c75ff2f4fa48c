import type { AttemptCount, AttemptCounterStore } from '../attempt-counters';

/** Past this many keys, closed windows are swept (MongoDB's TTL index does it there). */
const SWEEP_ABOVE_KEYS = 10_000;

/** Same semantics as MongoDB; no await between read and write, so each call is atomic. */
export class MemoryAttemptCounterStore implements AttemptCounterStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();

  async hit(key: string, windowMs: number, now: Date): Promise<AttemptCount> {
    const current = this.live(key, now);
    const next = current ? { count: current.count + 1, expiresAt: current.expiresAt } : { count: 1, expiresAt: now.getTime() + windowMs };
    this.counters.set(key, next);
    if (this.counters.size > SWEEP_ABOVE_KEYS) for (const name of [...this.counters.keys()]) this.live(name, now);
    return { count: next.count, expiresAt: new Date(next.expiresAt) };
  }

  async release(key: string, now: Date): Promise<void> {
    const current = this.live(key, now);
    if (current && current.count > 0) current.count -= 1;
  }

  async clear(key: string): Promise<void> {
    this.counters.delete(key);
  }

  /** The key's counter while its window is open; a closed one is dropped. */
  private live(key: string, now: Date) {
    const counter = this.counters.get(key);
    if (!counter) return undefined;
    if (counter.expiresAt > now.getTime()) return counter;
    this.counters.delete(key);
    return undefined;
  }
}
