import type { UsersStores } from '../ports';
import { MemorySessionStore } from './memory-session-store';
import { MemoryUserStore } from './memory-user-store';

export function createMemoryUsersStores(): UsersStores {
  return { users: new MemoryUserStore(), sessions: new MemorySessionStore() };
}
