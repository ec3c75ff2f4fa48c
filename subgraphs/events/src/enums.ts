// Plain enums of the events domain, shared by services and stores without any GraphQL
// machinery; schema/enums.ts registers the same enums as GraphQL types.

export enum Currency {
  CASH = 'CASH',
  COIN = 'COIN',
}
export enum Comparison {
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
}
export enum EventStatus {
  SCHEDULED = 'SCHEDULED',
  RUNNING = 'RUNNING',
  ENDED = 'ENDED',
  INACTIVE = 'INACTIVE',
}
export enum ClaimStatus {
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
  /** Was GRANTED; an ADMIN took the grant back. Still counts as claimed (and keeps its stock unit). */
  REVOKED = 'REVOKED',
}
export enum ClaimPeriod {
  ONCE = 'ONCE',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
}
export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** users refused it for good; an ADMIN may retry it once the cause is fixed. */
  FAILED = 'FAILED',
}
export enum ClaimRejectionReason {
  EVENT_NOT_FOUND = 'EVENT_NOT_FOUND',
  EVENT_INACTIVE = 'EVENT_INACTIVE',
  EVENT_NOT_STARTED = 'EVENT_NOT_STARTED',
  EVENT_ENDED = 'EVENT_ENDED',
  ALREADY_CLAIMED = 'ALREADY_CLAIMED',
  CHALLENGE_NOT_MET = 'CHALLENGE_NOT_MET',
  SOLD_OUT = 'SOLD_OUT',
  USER_BANNED = 'USER_BANNED',
}
