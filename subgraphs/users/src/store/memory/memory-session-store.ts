import type { SessionStore } from '../ports';
import { ROTATED_HASHES_KEPT, type SessionRecord } from '../records';

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  async replaceForDevice(session: SessionRecord): Promise<void> {
    // Delete and insert with no await in between, or parallel log-ins on one device
    // would each delete first and then all insert (the unique index's job in MongoDB).
    this.deleteWhere((s) => s.userId === session.userId && s.deviceId === session.deviceId);
    this.sessions.set(session.id, structuredClone(session));
  }

  async findById(id: string): Promise<SessionRecord | null> {
    const session = this.sessions.get(id);
    return session ? structuredClone(session) : null;
  }

  async rotate(id: string, expectedHash: string, nextHash: string, expiresAt: Date): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session || session.tokenHash !== expectedHash) return false;
    session.rotatedTokenHashes = [...session.rotatedTokenHashes, expectedHash].slice(-ROTATED_HASHES_KEPT);
    session.tokenHash = nextHash;
    session.expiresAt = expiresAt;
    return true;
  }

  async deleteById(id: string): Promise<boolean> {
    return this.sessions.delete(id);
  }

  async deleteForDevice(userId: string, deviceId: string): Promise<number> {
    return this.deleteWhere((s) => s.userId === userId && s.deviceId === deviceId);
  }

  async deleteAllForUser(userId: string): Promise<number> {
    return this.deleteWhere((s) => s.userId === userId);
  }

  private deleteWhere(matches: (session: SessionRecord) => boolean): number {
    let count = 0;
    for (const [id, session] of this.sessions) {
      if (matches(session)) {
        this.sessions.delete(id);
        count++;
      }
    }
    return count;
  }
}
