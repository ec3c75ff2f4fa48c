/** One key's count within its current window. */
export interface AttemptCount {
  count: number;
  /** When the window (opened by the first attempt after the last one ended) closes. */
  expiresAt: Date;
}

/**
 * Counters for rate limits, shared by every users instance (MongoDB in production), so a
 * guesser gains nothing by spreading requests over instances. Each call is one atomic
 * operation: parallel attempts can never read the same count.
 */
export interface AttemptCounterStore {
  /**
   * Counts one attempt under `key` and returns the count including it. The window opens at
   * the first attempt after the previous window closed and lasts `windowMs`; later attempts
   * do not extend it.
   */
  hit(key: string, windowMs: number, now: Date): Promise<AttemptCount>;
  /** Takes one attempt back (it turned out not to be a failure); nothing once the window closed. */
  release(key: string, now: Date): Promise<void>;
  /** Forgets the key's count. */
  clear(key: string): Promise<void>;
}
