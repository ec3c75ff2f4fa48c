import { badInput, forbidden, type OffsetClock } from '@platform/shared';

/** At most a year per call: enough for any event, small enough to catch a typo. */
export const MAX_ADVANCE_SECONDS = 366 * 24 * 60 * 60;

/**
 * The platform's test clock (TEST_CLOCK=enabled, never in production). The users service
 * owns the offset; events adopts it over an internal route, so both subgraphs share one
 * clock whether they run in one process or in several.
 */
export class TestClockService {
  /** `clock` is null when TEST_CLOCK is off. */
  constructor(private readonly clock: OffsetClock | null) {}

  get enabled(): boolean {
    return this.clock !== null;
  }

  advance(seconds: number): Date {
    if (!this.clock) throw forbidden('The test clock is disabled (TEST_CLOCK=enabled outside production turns it on).');
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_ADVANCE_SECONDS) {
      throw badInput(`seconds must be an integer from 1 to ${MAX_ADVANCE_SECONDS}.`, 'seconds');
    }
    return this.clock.advance(seconds * 1000);
  }

  /** What events adopts: the offset and the resulting now. */
  state(): { offsetMs: number; now: string } | null {
    return this.clock ? { offsetMs: this.clock.offsetMs, now: this.clock.now().toISOString() } : null;
  }
}
