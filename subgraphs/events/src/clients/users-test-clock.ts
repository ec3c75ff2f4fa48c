import { OffsetClock, parseInternalAnswer, SERVICE_TOKEN_HEADER, testClockRoute, type Clock, type Logger } from '@platform/shared';

/**
 * The events side of the one test clock (TEST_CLOCK=enabled). users owns the offset; this
 * clock adopts it from users' /internal/test-clock before every request events serves, so
 * a day advanced through the gateway is the same day here, in one process or several.
 * Concurrent requests share one fetch. If users cannot be reached the last offset stays
 * (users only ever adds to it, and keeps it in its store).
 */
export class UsersTestClock extends OffsetClock {
  private readonly url: URL;
  private inFlight: Promise<void> | null = null;

  constructor(
    usersGraphqlUrl: string,
    private readonly serviceSecret: string,
    private readonly logger: Logger,
    base?: Clock,
    private readonly timeoutMs = 2000,
  ) {
    super(base);
    this.url = new URL(testClockRoute.path, usersGraphqlUrl);
  }

  /** Adopts users' current offset. */
  sync(): Promise<void> {
    this.inFlight ??= this.fetchOffset().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchOffset(): Promise<void> {
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: this.serviceSecret },
        body: '{}',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) throw new Error(`users answered ${response.status}`);
      const parsed = parseInternalAnswer(testClockRoute, await response.json());
      if (!parsed.ok) throw new Error(parsed.problem);
      this.adopt(parsed.value.offsetMs);
    } catch (error) {
      this.logger.warn('test clock: could not read the offset from users; keeping the last one', { error });
    }
  }
}
