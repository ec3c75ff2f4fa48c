import { badInput, chosenTimeZone, DomainError, ErrorCode, notFound, planTimeZoneChange, TIME_ZONE_CHANGE_INTERVAL_MS, type Clock, type PlayerTimeZone } from '@platform/shared';
import type { UserStore } from '../store/ports';
import type { UserRecord } from '../store/records';

/**
 * The player's own time zone. A change is phased in by player-days.ts's rule: it takes
 * effect at the first midnight of the new zone after the current local day ends, and a
 * player may change at most once per 7 days.
 */
export class TimeZoneService {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
    private readonly gameTimeZone: string,
  ) {}

  /** The zone the player chose (in force, or from its next midnight on); GAME_TIME_ZONE by default. */
  chosenZone(user: { timeZone: PlayerTimeZone }): string {
    return chosenTimeZone(user.timeZone, this.gameTimeZone);
  }

  async setTimeZone(userId: string, requested: string): Promise<UserRecord> {
    const user = await this.users.findById(userId);
    if (!user) throw notFound('No such user.');
    const now = this.clock.now();
    const plan = planTimeZoneChange(user.timeZone, requested, now, this.gameTimeZone);
    switch (plan.outcome) {
      case 'invalid':
        throw badInput(`"${requested.slice(0, 64)}" is not an IANA time zone name (e.g. "Europe/Berlin").`, 'timeZone');
      case 'unchanged':
        return user;
      case 'too-soon':
        throw tooSoon(plan.retryAt);
      case 'scheduled': {
        const updated = await this.users.replaceTimeZone(userId, user.timeZone.requestedAt, plan.next);
        // Another change won the race: it counts as this week's change.
        if (!updated) throw tooSoon(new Date(now.getTime() + TIME_ZONE_CHANGE_INTERVAL_MS));
        return updated;
      }
    }
  }
}

function tooSoon(retryAt: Date): DomainError {
  return new DomainError(ErrorCode.RATE_LIMITED, `The time zone can change once every 7 days; next after ${retryAt.toISOString()}.`, { retryAt: retryAt.toISOString() });
}
