import { defaultPlayerTimeZone, type PlayerTimeZone, type Role } from '@platform/shared';
import { applyHoldingsDelta } from '../holdings-delta';
import { ledgerEntry, revocationDebit, type LedgerEntryRecord, type LedgerQuery, type LedgerStamp, type RevocationApplication, type RevocationRequest } from '../ledger';
import { UsernameTakenError, type GrantApplication, type HoldingsChange, type NewUser, type UserListQuery, type UserStore } from '../ports';
import { emptyHoldings, emptyLoginStats, type HoldingsDelta, type LoginStatsRecord, type UserRecord } from '../records';

const copy = <T>(value: T): T => structuredClone(value);

/**
 * Same invariants as MongoDB: unique case-insensitive usernames, all-or-nothing holdings
 * changes, one credit per grant id. Every method does its check and write without an
 * await in between, which is what makes it atomic on Node's single thread.
 */
export class MemoryUserStore implements UserStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly idsByUsername = new Map<string, string>();
  private readonly appliedGrants = new Set<string>();
  private readonly appliedRevocations = new Set<string>();
  /** Append-only, oldest first. */
  private readonly ledgerEntries: LedgerEntryRecord[] = [];

  async create(user: NewUser): Promise<UserRecord> {
    const key = user.username.toLowerCase();
    if (this.idsByUsername.has(key)) throw new UsernameTakenError(user.username);
    const record: UserRecord = { ...copy(user), holdings: emptyHoldings(), loginStats: emptyLoginStats(), timeZone: defaultPlayerTimeZone() };
    this.users.set(record.id, record);
    this.idsByUsername.set(key, record.id);
    return copy(record);
  }

  async findById(id: string): Promise<UserRecord | null> {
    const user = this.users.get(id);
    return user ? copy(user) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    return ids.flatMap((id) => {
      const user = this.users.get(id);
      return user ? [copy(user)] : [];
    });
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    const id = this.idsByUsername.get(username.toLowerCase());
    return id ? this.findById(id) : null;
  }

  async list(query: UserListQuery): Promise<UserRecord[]> {
    const prefix = query.usernamePrefix?.toLowerCase();
    return [...this.users.values()]
      .filter((user) => (prefix === undefined ? true : user.username.toLowerCase().startsWith(prefix)))
      .filter((user) => (query.role ? user.roles.includes(query.role) : true))
      .filter((user) => (query.afterId ? user.id > query.afterId : true))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, query.limit)
      .map(copy);
  }

  async countWithRole(role: Role): Promise<number> {
    return [...this.users.values()].filter((user) => user.roles.includes(role)).length;
  }

  async setRoles(id: string, roles: Role[]): Promise<UserRecord | null> {
    return this.update(id, (user) => (user.roles = [...roles]));
  }

  async setBannedUntil(id: string, until: Date | null): Promise<UserRecord | null> {
    return this.update(id, (user) => (user.bannedUntil = until));
  }

  async updateLoginStats(id: string, next: (current: LoginStatsRecord) => LoginStatsRecord): Promise<UserRecord | null> {
    return this.update(id, (user) => (user.loginStats = next(copy(user.loginStats))));
  }

  async replaceTimeZone(id: string, expectedRequestedAt: Date | null, next: PlayerTimeZone): Promise<UserRecord | null> {
    const user = this.users.get(id);
    if (!user || user.timeZone.requestedAt?.getTime() !== expectedRequestedAt?.getTime()) return null;
    return this.update(id, (found) => (found.timeZone = copy(next)));
  }

  async adjustHoldings(id: string, delta: HoldingsDelta, stamp: LedgerStamp = {}): Promise<HoldingsChange> {
    const user = this.users.get(id);
    if (!user) return { outcome: 'user-not-found' };
    const next = applyHoldingsDelta(user.holdings, delta);
    if (!next) return { outcome: 'insufficient' };
    user.holdings = next;
    this.ledgerEntries.push(ledgerEntry(id, 'ADJUSTMENT', delta, copy(next), { stamp }));
    return { outcome: 'applied', holdings: copy(next) };
  }

  async applyGrant(grantId: string, userId: string, delta: HoldingsDelta, at: Date): Promise<GrantApplication> {
    const user = this.users.get(userId);
    if (!user) return { outcome: 'user-not-found' };
    if (this.appliedGrants.has(grantId)) return { outcome: 'already-applied', holdings: copy(user.holdings) };
    const next = applyHoldingsDelta(user.holdings, delta);
    if (!next) return { outcome: 'refused' };
    this.appliedGrants.add(grantId);
    user.holdings = next;
    this.ledgerEntries.push(ledgerEntry(userId, 'REWARD_GRANT', delta, copy(next), { claimId: grantId, stamp: { at } }));
    return { outcome: 'applied', holdings: copy(next) };
  }

  async applyRevocation(request: RevocationRequest): Promise<RevocationApplication> {
    const user = this.users.get(request.userId);
    if (!user) return { outcome: 'user-not-found' };
    if (this.appliedRevocations.has(request.revocationId)) return { outcome: 'already-applied' };
    // Not credited yet: take the grant's id so that its delivery, whenever it arrives, credits nothing.
    const credited = this.appliedGrants.has(request.claimId);
    this.appliedGrants.add(request.claimId);
    const { delta, shortfall } = credited ? revocationDebit(user.holdings, request.granted) : { delta: emptyHoldings(), shortfall: false };
    const next = applyHoldingsDelta(user.holdings, delta);
    // revocationDebit never takes more than is held, so the debit always applies.
    if (!next) throw new Error(`revocation ${request.revocationId} computed an impossible debit`);
    this.appliedRevocations.add(request.revocationId);
    user.holdings = next;
    const entry = ledgerEntry(request.userId, 'REVOCATION', delta, copy(next), { claimId: request.claimId, stamp: request.stamp, shortfall });
    this.ledgerEntries.push(entry);
    return { outcome: 'applied', entry: copy(entry) };
  }

  async ledger(userId: string, query: LedgerQuery): Promise<LedgerEntryRecord[]> {
    const found: LedgerEntryRecord[] = [];
    for (let i = this.ledgerEntries.length - 1; i >= 0 && found.length < query.limit; i--) {
      const entry = this.ledgerEntries[i]!;
      if (entry.userId !== userId) continue;
      if (query.reason && entry.reason !== query.reason) continue;
      if (query.beforeId && entry.id >= query.beforeId) continue;
      found.push(copy(entry));
    }
    return found;
  }

  async replacePasswordHash(id: string, expected: string, next: string): Promise<boolean> {
    const user = this.users.get(id);
    if (!user || user.passwordHash !== expected) return false;
    user.passwordHash = next;
    return true;
  }

  async ping(): Promise<void> {}

  private update(id: string, change: (user: UserRecord) => void): UserRecord | null {
    const user = this.users.get(id);
    if (!user) return null;
    change(user);
    return copy(user);
  }
}
