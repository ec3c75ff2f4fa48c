import { DomainError, ErrorCode, type Clock } from '@platform/shared';

export interface ThrottleOptions {
  /** Failed attempts allowed per username within the window. */
  maxFailures: number;
  windowMs: number;
}

/** Past this many usernames with recent failures, expired entries are swept. */
const MAX_TRACKED_USERNAMES = 10_000;

export const DEFAULT_THROTTLE: ThrottleOptions = { maxFailures: 10, windowMs: 15 * 60 * 1000 };

/**
 * Slows password guessing: after `maxFailures` wrong passwords for one username within the
 * window, further attempts are refused with RATE_LIMITED until the oldest failure ages out.
 * Counted per process (each instance of the users service keeps its own count).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
  ) {}

  /** Throws RATE_LIMITED while the username is locked out. */
  check(username: string): void {
    const recent = this.recent(username);
    if (recent.length < this.options.maxFailures) return;
    const retryAt = new Date((recent[0] ?? 0) + this.options.windowMs);
    throw new DomainError(ErrorCode.RATE_LIMITED, `Too many failed log-in attempts; try again after ${retryAt.toISOString()}.`, { retryAt: retryAt.toISOString() });
  }

  recordFailure(username: string): void {
    const key = username.toLowerCase();
    this.failures.set(key, [...this.recent(key), this.clock.now().getTime()]);
    // Guesses at many different names must not grow memory without bound.
    if (this.failures.size > MAX_TRACKED_USERNAMES) for (const name of [...this.failures.keys()]) this.recent(name);
  }

  recordSuccess(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  private recent(username: string): number[] {
    const since = this.clock.now().getTime() - this.options.windowMs;
    const recent = (this.failures.get(username.toLowerCase()) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(username.toLowerCase());
    return recent;
  }
}
