import type { UsersStores } from '../ports';
import { MemoryAuditStore } from './memory-audit-store';
import { MemoryAttemptCounterStore } from './memory-attempt-counter-store';
import { MemorySessionStore } from './memory-session-store';
import { MemoryTestClockStore } from './memory-test-clock-store';
import { MemoryUserStore } from './memory-user-store';

export function createMemoryUsersStores(): UsersStores {
  return { users: new MemoryUserStore(), sessions: new MemorySessionStore(), attempts: new MemoryAttemptCounterStore(), testClock: new MemoryTestClockStore(), audit: new MemoryAuditStore() };
}
