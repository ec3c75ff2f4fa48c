import type { Clock, PlayerTimeZone } from '@platform/shared';
import { ClaimPeriod } from '../enums';
import type { EventStock } from '../store/ports';
import type { ClaimRecord, EventRecord } from '../store/records';
import { gamePeriodKey, nextClaimAt, playerPeriodKey } from './claim-period';

/**
 * What a periodic event looks like now: its stock in the current game period, and when a
 * player may claim it again. A player's own period is their local day or week; the global
 * "first N each period" counter is the game time zone's, the same for every player.
 */
export class PeriodicClaims {
  constructor(
    private readonly stock: EventStock,
    private readonly clock: Clock,
    /** GAME_TIME_ZONE. */
    readonly gameZone: string,
  ) {}

  /** Event.claimsRemaining: null when unlimited; the current game period's units for periodic events. */
  async claimsRemaining(event: EventRecord): Promise<number | null> {
    if (event.claimLimit === null) return null;
    const period = gamePeriodKey(event.claimPeriod, this.clock.now(), this.gameZone);
    if (period === null) return event.claimsRemaining;
    return Math.max(0, event.claimLimit - (await this.stock.takenInPeriod(event.id, period)));
  }

  /** The player's period now; null for ONCE events. */
  playerPeriod(event: EventRecord, timeZone: PlayerTimeZone): string | null {
    return playerPeriodKey(event.claimPeriod, timeZone, this.clock.now(), this.gameZone);
  }

  /**
   * Event.myNextClaimAt, from the player's newest granted claim of the event: null when they
   * may claim now, or never again (ONCE claimed, or the event ends before their next period).
   */
  nextClaimAt(event: EventRecord, newestGrant: ClaimRecord | null, timeZone: PlayerTimeZone): Date | null {
    if (!newestGrant || event.claimPeriod === ClaimPeriod.ONCE) return null;
    const claimedThisPeriod = newestGrant.period === this.playerPeriod(event, timeZone);
    return nextClaimAt({ period: event.claimPeriod, claimedThisPeriod, timeZone, gameZone: this.gameZone, now: this.clock.now(), endsAt: event.endsAt });
  }
}
