import { EventStatus } from '../enums';

/** INACTIVE when switched off, else by the clock: before start, running, or ended. */
export function eventStatus(event: { active: boolean; startsAt: Date; endsAt: Date }, now: Date): EventStatus {
  if (!event.active) return EventStatus.INACTIVE;
  if (now < event.startsAt) return EventStatus.SCHEDULED;
  if (now >= event.endsAt) return EventStatus.ENDED;
  return EventStatus.RUNNING;
}
