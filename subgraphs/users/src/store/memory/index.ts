import type { UsersStores } from '../ports';
import { MemorySessionStore } from './memory-session-store';
import { MemoryTestClockStore } from './memory-test-clock-store';
import { MemoryUserStore } from './memory-user-store';

export function createMemoryUsersStores(): UsersStores {
  return { users: new MemoryUserStore(), sessions: new MemorySessionStore(), testClock: new MemoryTestClockStore() };
}
