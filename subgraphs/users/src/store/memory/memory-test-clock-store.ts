import type { TestClockStore } from '../ports';

export class MemoryTestClockStore implements TestClockStore {
  private offset = 0;

  async offsetMs(): Promise<number> {
    return this.offset;
  }

  async advance(ms: number): Promise<number> {
    this.offset += ms;
    return this.offset;
  }
}
