import { buildSchema, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import type { Connection, Model } from 'mongoose';
import { bindModel } from '@platform/shared';
import { Types } from 'mongoose';
import { Role } from '@platform/shared';
import { ledgerEntrySchema, type LedgerEntryDoc } from './ledger-models';
import { auditEntrySchema, type AuditEntryDoc } from './mongo-audit-store';

@modelOptions({ schemaOptions: { _id: false } })
export class HoldingsDoc {
  @prop({ required: true, default: 0, min: 0 })
  cash!: number;

  @prop({ required: true, default: 0, min: 0 })
  coins!: number;

  /** itemId → quantity: a map so `$inc` with a `$gte` condition adjusts one item atomically. */
  @prop({ type: Number, default: () => new Map() })
  items!: Map<string, number>;

  @prop({ type: Number, default: () => new Map() })
  coupons!: Map<string, number>;
}

@modelOptions({ schemaOptions: { _id: false } })
export class LoginStatsDoc {
  @prop({ required: true, default: 0 })
  totalLogins!: number;

  @prop({ required: true, default: 0 })
  loginDays!: number;

  @prop({ required: true, default: 0 })
  currentStreak!: number;

  @prop({ type: Date, default: null })
  lastLoginAt!: Date | null;

  @prop({ type: Number, default: null })
  lastLoginDay!: number | null;

  @prop({ required: true, default: 0 })
  daysAwayBeforeLastLogin!: number;

  @prop({ type: Date, default: null })
  lastActiveAt!: Date | null;
}

/** One stretch of a player's days in one zone (player-days.ts). */
@modelOptions({ schemaOptions: { _id: false } })
export class ZoneSpanDoc {
  @prop({ required: true, maxlength: 64 })
  zone!: string;

  @prop({ required: true })
  from!: Date;

  @prop({ required: true })
  firstDate!: number;

  @prop({ required: true, default: 0 })
  dayOffset!: number;
}

@modelOptions({ schemaOptions: { _id: false } })
export class TimeZoneDoc {
  @prop({ type: () => [ZoneSpanDoc], default: [] })
  spans!: ZoneSpanDoc[];

  @prop({ type: Date, default: null })
  requestedAt!: Date | null;
}

@modelOptions({ schemaOptions: { collection: 'users', versionKey: false }, options: { allowMixed: Severity.ERROR } })
@index({ usernameKey: 1 }, { unique: true, name: 'username_unique' })
@index({ roles: 1, _id: 1 }, { name: 'roles_id' })
export class UserDoc {
  @prop({ required: true })
  _id!: Types.ObjectId;

  @prop({ required: true, minlength: 3, maxlength: 32, match: /^[a-zA-Z0-9_.-]+$/ })
  username!: string;

  /** Lower-cased username: uniqueness is case-insensitive. */
  @prop({ required: true })
  usernameKey!: string;

  @prop({ required: true })
  passwordHash!: string;

  @prop({ type: () => [String], enum: Role, required: true })
  roles!: Role[];

  @prop({ required: true })
  createdAt!: Date;

  @prop({ type: Date, default: null })
  bannedUntil!: Date | null;

  @prop({ type: () => HoldingsDoc, required: true, default: () => ({}) })
  holdings!: HoldingsDoc;

  @prop({ type: () => LoginStatsDoc, required: true, default: () => ({}) })
  loginStats!: LoginStatsDoc;

  @prop({ type: () => TimeZoneDoc, required: true, default: () => ({}) })
  timeZone!: TimeZoneDoc;
}

@modelOptions({ schemaOptions: { collection: 'sessions', versionKey: false } })
@index({ userId: 1, deviceId: 1 }, { unique: true, name: 'one_session_per_device' })
// Expired sessions are garbage, not a concurrency mechanism: TTL only tidies up.
@index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expired_sessions_ttl' })
export class SessionDoc {
  @prop({ required: true })
  _id!: Types.ObjectId;

  @prop({ required: true })
  userId!: Types.ObjectId;

  @prop({ required: true, maxlength: 64 })
  deviceId!: string;

  @prop({ required: true })
  tokenHash!: string;

  @prop({ type: () => [String], default: [] })
  rotatedTokenHashes!: string[];

  @prop({ required: true })
  createdAt!: Date;

  @prop({ required: true })
  expiresAt!: Date;
}

/** Marks a reward grant as credited: its _id is the grant (claim) id, so a retry collides. */
@modelOptions({ schemaOptions: { collection: 'applied_grants', versionKey: false } })
export class AppliedGrantDoc {
  @prop({ required: true })
  _id!: string;

  @prop({ required: true })
  userId!: Types.ObjectId;

  @prop({ required: true })
  appliedAt!: Date;

  /** Written by a revocation that came first: the grant's own delivery then credits nothing. */
  @prop({ type: Boolean, default: undefined })
  revokedBeforeCredit?: boolean;
}

/** A rate-limit counter (attempt-counters.ts): `_id` is the key, e.g. `login:username:alice`. */
@modelOptions({ schemaOptions: { collection: 'attempt_counters', versionKey: false } })
// Closed windows are garbage: the counting update restarts them itself, TTL only tidies up.
@index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'closed_windows_ttl' })
export class AttemptCounterDoc {
  @prop({ required: true })
  _id!: string;

  @prop({ required: true, min: 0 })
  count!: number;

  @prop({ required: true })
  expiresAt!: Date;
}

export const userSchema = buildSchema(UserDoc);
export const sessionSchema = buildSchema(SessionDoc);
// Annotated because the inferred types are too long for declaration emit (tsc -b).
export const appliedGrantSchema: ReturnType<typeof buildSchema<typeof AppliedGrantDoc>> = buildSchema(AppliedGrantDoc);
export const attemptCounterSchema: ReturnType<typeof buildSchema<typeof AttemptCounterDoc>> = buildSchema(AttemptCounterDoc);

export interface UsersModels {
  User: Model<UserDoc>;
  Session: Model<SessionDoc>;
  AppliedGrant: Model<AppliedGrantDoc>;
  AttemptCounter: Model<AttemptCounterDoc>;
  LedgerEntry: Model<LedgerEntryDoc>;
  AuditEntry: Model<AuditEntryDoc>;
}

/**
 * Models bound to this service's own connection. typegoose builds the schemas; binding them
 * with `connection.model` (instead of getModelForClass's global cache) lets tests open
 * several databases in one process.
 */
export function usersModels(connection: Connection): UsersModels {
  return {
    User: bindModel<UserDoc>(connection, 'User', userSchema),
    Session: bindModel<SessionDoc>(connection, 'Session', sessionSchema),
    AppliedGrant: bindModel<AppliedGrantDoc>(connection, 'AppliedGrant', appliedGrantSchema),
    AttemptCounter: bindModel<AttemptCounterDoc>(connection, 'AttemptCounter', attemptCounterSchema),
    LedgerEntry: bindModel<LedgerEntryDoc>(connection, 'LedgerEntry', ledgerEntrySchema),
    AuditEntry: bindModel<AuditEntryDoc>(connection, 'AuditEntry', auditEntrySchema),
  };
}
