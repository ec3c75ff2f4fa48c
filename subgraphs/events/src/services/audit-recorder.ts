/** One staff action of events, for the platform's audit log (kept by users). */
export interface StaffAuditEntry {
  actorId: string;
  action: 'createEvent' | 'updateEvent' | 'revokeClaim' | 'retryDelivery';
  targetType: 'Event' | 'RewardClaim';
  targetId: string;
  summary: string;
  at: Date;
}

/**
 * Records a staff action *before* it takes effect; throws (SERVICE_UNAVAILABLE) when the
 * log cannot be written, and the caller then does not act: no unaudited staff change.
 */
export interface AuditRecorder {
  record(entry: StaffAuditEntry): Promise<void>;
}
