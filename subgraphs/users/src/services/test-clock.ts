import { badInput, forbidden, type OffsetClock } from '@platform/shared';
import type { TestClockStore } from '../store/ports';

/** At most a year per call: enough for any event, small enough to catch a typo. */
export const MAX_ADVANCE_SECONDS = 366 * 24 * 60 * 60;

/**
 * The platform's test clock (TEST_CLOCK=enabled, never in production). Its offset lives in
 * users' store (one document): every users instance adopts it before each request, and
 * events adopts it from users over an internal route, so all services share one clock
 * whether they run in one process or in several, and a restart keeps it.
 */
export class TestClockService {
  /** `clock` is null when TEST_CLOCK is off. */
  constructor(
    private readonly clock: OffsetClock | null,
    private readonly store: TestClockStore,
  ) {}

  /** Adopts the stored offset (before a request; a no-op when TEST_CLOCK is off). */
  async sync(): Promise<void> {
    if (this.clock) this.clock.adopt(await this.store.offsetMs());
  }

  async advance(seconds: number): Promise<Date> {
    if (!this.clock) throw forbidden('The test clock is disabled (TEST_CLOCK=enabled outside production turns it on).');
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_ADVANCE_SECONDS) {
      throw badInput(`seconds must be an integer from 1 to ${MAX_ADVANCE_SECONDS}.`, 'seconds');
    }
    this.clock.adopt(await this.store.advance(seconds * 1000));
    return this.clock.now();
  }

  /** What events adopts: the offset and the resulting now; null when TEST_CLOCK is off. */
  async state(): Promise<{ offsetMs: number; now: string } | null> {
    if (!this.clock) return null;
    await this.sync();
    return { offsetMs: this.clock.offsetMs, now: this.clock.now().toISOString() };
  }
}
