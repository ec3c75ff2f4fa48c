import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { databaseErrorToDomain, inTransaction, pingDatabase, type PlayerTimeZone, type Role } from '@platform/shared';
import { withoutZeroCounts } from '../holdings-delta';
import { UsernameTakenError, type GrantApplication, type HoldingsChange, type NewUser, type UserListQuery, type UserStore } from '../ports';
import type { Counts, HoldingsDelta, LoginStatsRecord, UserRecord } from '../records';
import { usernamePrefixPattern } from '../username-prefix';
import { applyHoldingsDelta } from '../holdings-delta';
import { ledgerEntry, revocationDebit, type LedgerEntryRecord, type LedgerQuery, type LedgerStamp, type RevocationApplication, type RevocationRequest } from '../ledger';
import { isDuplicateKeyError } from './duplicate-key';
import { buildHoldingsUpdate } from './holdings-update';
import { toLedgerDoc, toLedgerRecord, type LedgerEntryDoc } from './ledger-models';
import { usersModels, type UsersModels } from './models';

interface LeanUser {
  _id: Types.ObjectId;
  username: string;
  passwordHash: string;
  roles: Role[];
  createdAt: Date;
  bannedUntil?: Date | null;
  holdings?: { cash?: number; coins?: number; items?: Counts | Map<string, number>; coupons?: Counts | Map<string, number> };
  loginStats?: Partial<LoginStatsRecord>;
  timeZone?: { spans?: PlayerTimeZone['spans']; requestedAt?: Date | null };
}

const toCounts = (value: Counts | Map<string, number> | undefined): Counts =>
  value instanceof Map ? Object.fromEntries(value) : { ...(value ?? {}) };

export function toUserRecord(doc: LeanUser): UserRecord {
  const stats = doc.loginStats ?? {};
  return {
    id: doc._id.toHexString(),
    username: doc.username,
    passwordHash: doc.passwordHash,
    roles: [...doc.roles],
    createdAt: doc.createdAt,
    bannedUntil: doc.bannedUntil ?? null,
    holdings: withoutZeroCounts({
      cash: doc.holdings?.cash ?? 0,
      coins: doc.holdings?.coins ?? 0,
      items: toCounts(doc.holdings?.items),
      coupons: toCounts(doc.holdings?.coupons),
    }),
    loginStats: {
      totalLogins: stats.totalLogins ?? 0,
      loginDays: stats.loginDays ?? 0,
      currentStreak: stats.currentStreak ?? 0,
      lastLoginAt: stats.lastLoginAt ?? null,
      lastLoginDay: stats.lastLoginDay ?? null,
      daysAwayBeforeLastLogin: stats.daysAwayBeforeLastLogin ?? 0,
      lastActiveAt: stats.lastActiveAt ?? null,
    },
    timeZone: {
      spans: (doc.timeZone?.spans ?? []).map((span) => ({ zone: span.zone, from: span.from, firstDate: span.firstDate, dayOffset: span.dayOffset ?? 0 })),
      requestedAt: doc.timeZone?.requestedAt ?? null,
    },
  };
}

const MAX_OPTIMISTIC_RETRIES = 20;

/** Aborts a grant's transaction when the credit would pass the balance ceiling. */
class GrantRefusedError extends Error {}

/** Aborts an adjustment's transaction when a balance would leave its range. */
class AdjustmentRefusedError extends Error {}

export class MongoUserStore implements UserStore {
  private readonly models: UsersModels;

  constructor(
    private readonly connection: Connection,
    private readonly options: { transactionTimeoutMS?: number } = {},
  ) {
    this.models = usersModels(connection);
  }

  async create(user: NewUser): Promise<UserRecord> {
    try {
      const [created] = await this.models.User.create([
        { ...user, _id: new Types.ObjectId(user.id), usernameKey: user.username.toLowerCase() },
      ]);
      return toUserRecord(created!.toObject() as LeanUser);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new UsernameTakenError(user.username);
      throw error;
    }
  }

  async findById(id: string): Promise<UserRecord | null> {
    const doc = await this.models.User.findById(new Types.ObjectId(id)).lean<LeanUser>();
    return doc ? toUserRecord(doc) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    const docs = await this.models.User.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<LeanUser[]>();
    return docs.map(toUserRecord);
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    const doc = await this.models.User.findOne({ usernameKey: username.toLowerCase() }).lean<LeanUser>();
    return doc ? toUserRecord(doc) : null;
  }

  async list(query: UserListQuery): Promise<UserRecord[]> {
    const filter: Record<string, unknown> = {};
    if (query.usernamePrefix !== undefined) filter['usernameKey'] = usernamePrefixPattern(query.usernamePrefix);
    if (query.role) filter['roles'] = query.role;
    if (query.afterId) filter['_id'] = { $gt: new Types.ObjectId(query.afterId) };
    const docs = await this.models.User.find(filter).sort({ _id: 1 }).limit(query.limit).lean<LeanUser[]>();
    return docs.map(toUserRecord);
  }

  countWithRole(role: Role): Promise<number> {
    return this.models.User.countDocuments({ roles: role });
  }

  async setRoles(id: string, roles: Role[]): Promise<UserRecord | null> {
    return this.set(id, { roles });
  }

  async setBannedUntil(id: string, until: Date | null): Promise<UserRecord | null> {
    return this.set(id, { bannedUntil: until });
  }

  /** Optimistic: write only if no session or refresh was recorded since we read, else read again. */
  async updateLoginStats(id: string, next: (current: LoginStatsRecord) => LoginStatsRecord): Promise<UserRecord | null> {
    for (let attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
      const current = await this.findById(id);
      if (!current) return null;
      const updated = await this.models.User.findOneAndUpdate(
        { _id: new Types.ObjectId(id), 'loginStats.totalLogins': current.loginStats.totalLogins, 'loginStats.lastActiveAt': current.loginStats.lastActiveAt },
        { $set: { loginStats: next(current.loginStats) } },
        { returnDocument: 'after' },
      ).lean<LeanUser>();
      if (updated) return toUserRecord(updated);
    }
    throw new Error(`login stats of ${id} kept changing under ${MAX_OPTIMISTIC_RETRIES} attempts`);
  }

  async replaceTimeZone(id: string, expectedRequestedAt: Date | null, next: PlayerTimeZone): Promise<UserRecord | null> {
    const updated = await this.models.User.findOneAndUpdate(
      { _id: new Types.ObjectId(id), 'timeZone.requestedAt': expectedRequestedAt },
      { $set: { timeZone: next } },
      { returnDocument: 'after' },
    ).lean<LeanUser>();
    return updated ? toUserRecord(updated) : null;
  }

  /** The change and its ledger entry commit together (snapshot, majority, bounded time). */
  async adjustHoldings(id: string, delta: HoldingsDelta, stamp: LedgerStamp = {}): Promise<HoldingsChange> {
    if (!(await this.models.User.exists({ _id: new Types.ObjectId(id) }))) return { outcome: 'user-not-found' };
    try {
      const holdings = await inTransaction(this.connection, this.options.transactionTimeoutMS, async (session) => {
        const { filter, update } = buildHoldingsUpdate(id, delta);
        const updated = await this.models.User.findOneAndUpdate(filter, update, { session, returnDocument: 'after' }).lean<LeanUser>();
        if (!updated) throw new AdjustmentRefusedError();
        const after = toUserRecord(updated).holdings;
        await this.models.LedgerEntry.create([toLedgerDoc(ledgerEntry(id, 'ADJUSTMENT', delta, after, { stamp }))], { session });
        return after;
      });
      return { outcome: 'applied', holdings };
    } catch (error) {
      if (error instanceof AdjustmentRefusedError) return { outcome: 'insufficient' };
      throw databaseErrorToDomain(error, 'Adjusting holdings');
    }
  }

  /**
   * The grant marker and the credit commit together; a second call collides on the
   * marker's _id and changes nothing. Snapshot, majority and a bounded time (see
   * transactionOptions); running out of time is SERVICE_UNAVAILABLE, and events' delivery
   * retries with the same grant id, which is safe.
   */
  async applyGrant(grantId: string, userId: string, delta: HoldingsDelta, at: Date): Promise<GrantApplication> {
    const existing = await this.findById(userId);
    if (!existing) return { outcome: 'user-not-found' };
    try {
      const holdings = await inTransaction(this.connection, this.options.transactionTimeoutMS, async (session) => {
        await this.models.AppliedGrant.create([{ _id: grantId, userId: new Types.ObjectId(userId), appliedAt: at }], { session });
        const { filter, update } = buildHoldingsUpdate(userId, delta);
        const updated = await this.models.User.findOneAndUpdate(filter, update, { session, returnDocument: 'after' }).lean<LeanUser>();
        // The user exists (checked above): no match means a balance would pass its ceiling.
        if (!updated) throw new GrantRefusedError();
        const after = toUserRecord(updated).holdings;
        await this.models.LedgerEntry.create([toLedgerDoc(ledgerEntry(userId, 'REWARD_GRANT', delta, after, { claimId: grantId, stamp: { at } }))], { session });
        return after;
      });
      return { outcome: 'applied', holdings };
    } catch (error) {
      if (error instanceof GrantRefusedError) return { outcome: 'refused' };
      if (!isDuplicateKeyError(error)) throw databaseErrorToDomain(error, 'Applying the reward grant');
      const current = await this.findById(userId);
      return current ? { outcome: 'already-applied', holdings: current.holdings } : { outcome: 'user-not-found' };
    }
  }

  /**
   * The marker (its _id is the revocation id), the debit and the ledger entry commit
   * together. The debit is computed from the holdings read inside the snapshot and written
   * with the same conditional update as any change: a concurrent change is a write
   * conflict, and withTransaction runs the whole thing again on fresh holdings.
   */
  async applyRevocation(request: RevocationRequest): Promise<RevocationApplication> {
    if (!(await this.models.User.exists({ _id: new Types.ObjectId(request.userId) }))) return { outcome: 'user-not-found' };
    try {
      const entry = await inTransaction(this.connection, this.options.transactionTimeoutMS, async (session) => {
        await this.models.AppliedGrant.create([{ _id: request.revocationId, userId: new Types.ObjectId(request.userId), appliedAt: request.stamp.at ?? new Date() }], { session });
        const doc = await this.models.User.findById(new Types.ObjectId(request.userId), null, { session }).lean<LeanUser>();
        if (!doc) throw new Error(`user ${request.userId} vanished during a revocation`);
        const current = toUserRecord(doc).holdings;
        // Not credited yet: insert the grant's marker now, so that its delivery, whenever it
        // arrives, collides and credits nothing (and a grant committing concurrently makes
        // this transaction conflict and run again, then finding the credit to take back).
        const credited = await this.models.AppliedGrant.exists({ _id: request.claimId }).session(session);
        if (!credited) await this.models.AppliedGrant.create([{ _id: request.claimId, userId: new Types.ObjectId(request.userId), appliedAt: request.stamp.at ?? new Date(), revokedBeforeCredit: true }], { session });
        const { delta, shortfall } = credited ? revocationDebit(current, request.granted) : { delta: { cash: 0, coins: 0, items: {}, coupons: {} }, shortfall: false };
        const after = applyHoldingsDelta(current, delta) ?? current;
        const { filter, update } = buildHoldingsUpdate(request.userId, delta);
        if (Object.keys(update.$inc).length > 0) {
          const updated = await this.models.User.findOneAndUpdate(filter, update, { session, returnDocument: 'after' }).lean<LeanUser>();
          if (!updated) throw new Error(`revocation ${request.revocationId} lost its balances inside the transaction`);
        }
        const recorded = ledgerEntry(request.userId, 'REVOCATION', delta, after, { claimId: request.claimId, stamp: request.stamp, shortfall });
        await this.models.LedgerEntry.create([toLedgerDoc(recorded)], { session });
        return recorded;
      });
      return { outcome: 'applied', entry };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { outcome: 'already-applied' };
      throw databaseErrorToDomain(error, 'Revoking the reward grant');
    }
  }

  async ledger(userId: string, query: LedgerQuery): Promise<LedgerEntryRecord[]> {
    const filter: Record<string, unknown> = { userId: new Types.ObjectId(userId) };
    if (query.reason) filter['reason'] = query.reason;
    if (query.beforeId) filter['_id'] = { $lt: new Types.ObjectId(query.beforeId) };
    const docs = await this.models.LedgerEntry.find(filter).sort({ _id: -1 }).limit(query.limit).lean<LedgerEntryDoc[]>();
    return docs.map(toLedgerRecord);
  }

  async replacePasswordHash(id: string, expected: string, next: string): Promise<boolean> {
    if (!Types.ObjectId.isValid(id)) return false;
    const result = await this.models.User.updateOne({ _id: new Types.ObjectId(id), passwordHash: expected }, { $set: { passwordHash: next } });
    return result.modifiedCount === 1;
  }

  async ping(): Promise<void> {
    await pingDatabase(this.connection);
  }

  private async set(id: string, fields: Record<string, unknown>): Promise<UserRecord | null> {
    const updated = await this.models.User.findByIdAndUpdate(new Types.ObjectId(id), { $set: fields }, { returnDocument: 'after' }).lean<LeanUser>();
    return updated ? toUserRecord(updated) : null;
  }
}
