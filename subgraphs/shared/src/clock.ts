/** Time as the services see it; tests move it instead of waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = at.getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The staging test clock (TEST_CLOCK=enabled): another clock moved forward by an offset.
 * Its owner only ever adds to the offset; services adopt the owner's value.
 */
export class OffsetClock implements Clock {
  private offset = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offset);
  }
  get offsetMs(): number {
    return this.offset;
  }
  /** Moves time forward by `ms` (> 0) and returns the new now. */
  advance(ms: number): Date {
    if (!(ms > 0)) throw new RangeError('the test clock only moves forward');
    this.offset += ms;
    return this.now();
  }
  /** Adopts the offset of the clock's owner (the one source every service follows). */
  adopt(offsetMs: number): void {
    this.offset = offsetMs;
  }
}
