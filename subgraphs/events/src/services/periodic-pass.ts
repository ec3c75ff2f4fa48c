import type { Logger } from '@platform/shared';

/**
 * The timing every background job of events shares: one pass at a time per instance (a
 * caller during a pass joins it), a pass every interval once started (a failed pass is
 * logged, the next one runs anyway), and a stop that waits for the pass in flight.
 */
export class PeriodicPass<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  /** `name` says which job failed in the log; `pass` is what the interval runs. */
  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<T>,
  ) {}

  /** Runs `pass` (the interval's by default) unless a pass is in flight, which it joins. */
  run(pass: () => Promise<T> = this.pass): Promise<T> {
    this.running ??= pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(intervalMs: number, logger: Logger): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => logger.error(`${this.name} failed`, { error }));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Its failure is the caller's or the interval's to report; stopping only waits for it.
    await this.running?.catch(() => undefined);
  }
}
