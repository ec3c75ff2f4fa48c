import { addressBucket, rateLimited, type AbuseSettings, type Clock, type RateLimit } from '@platform/shared';
import type { AttemptCounterStore } from '../store/attempt-counters';

export type RateLimits = AbuseSettings['rateLimits'];

const GLOBAL_KEY = 'login:global';
const usernameKey = (username: string) => `login:username:${username.toLowerCase()}`;
const addressKey = (address: string) => `login:address:${addressBucket(address)}`;
const signUpKey = (address: string) => `signup:address:${addressBucket(address)}`;

/**
 * Rate limits on the public account mutations. A log-in is counted as a failure *before*
 * its password is checked, in one atomic step per counter, so parallel guesses cannot all
 * slip in under the limit; a success then takes its count back. The counters live in the
 * users store, shared by every instance.
 *
 * Counters are taken in order address → username → global: an address over its limit
 * spends nothing of the others, and the global counter sees only attempts that will be
 * evaluated (it caps the hashing work a distributed attack can cause).
 */
export class LoginThrottle {
  constructor(
    private readonly counters: AttemptCounterStore,
    private readonly clock: Clock,
    private readonly limits: RateLimits,
  ) {}

  /** Throws RATE_LIMITED, or counts this log-in as failed until `logInSucceeded`. */
  async admitLogIn(username: string, address: string | null): Promise<void> {
    const now = this.clock.now();
    if (address) await this.take(addressKey(address), this.limits.loginPerAddress, now, 'Too many failed log-ins from your network');
    await this.take(usernameKey(username), this.limits.loginPerUsername, now, 'Too many failed log-in attempts for this username');
    await this.take(GLOBAL_KEY, this.limits.loginGlobal, now, 'Log-in is paused after too many failed attempts on the platform');
  }

  /** The password was right: the username's count starts over, the others take this one back. */
  async logInSucceeded(username: string, address: string | null): Promise<void> {
    const now = this.clock.now();
    await Promise.all([
      this.counters.clear(usernameKey(username)),
      this.counters.release(GLOBAL_KEY, now),
      address ? this.counters.release(addressKey(address), now) : undefined,
    ]);
  }

  /** Throws RATE_LIMITED past the sign-ups allowed per address; every sign-up counts. */
  async admitSignUp(address: string | null): Promise<void> {
    if (address) await this.take(signUpKey(address), this.limits.signUpPerAddress, this.clock.now(), 'Too many sign-ups from your network');
  }

  private async take(key: string, limit: RateLimit, now: Date, reason: string): Promise<void> {
    const { count, expiresAt } = await this.counters.hit(key, limit.windowSeconds * 1000, now);
    if (count <= limit.max) return;
    throw rateLimited(`${reason}; try again after ${expiresAt.toISOString()}.`, expiresAt, now);
  }
}
