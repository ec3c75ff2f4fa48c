import type { DateRange } from '../event-query';

/** A position in (time, id) order: the order claims are paged in. */
export interface TimeIdKey {
  time: number;
  id: string;
}

const compare = (a: TimeIdKey, b: TimeIdKey) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Ids kept sorted by (time, id), the memory store's stand-in for a database index: a page
 * newest first costs a binary search plus the page, a count over a time range two binary
 * searches. Records arrive in clock order, so inserting is an append in the common case.
 */
export class OrderedIndex {
  private readonly keys: TimeIdKey[] = [];

  get size(): number {
    return this.keys.length;
  }

  insert(key: TimeIdKey): void {
    const last = this.keys[this.keys.length - 1];
    if (!last || compare(last, key) < 0) {
      this.keys.push(key);
      return;
    }
    this.keys.splice(this.firstAbove(key), 0, key);
  }

  /** Removes `key` if present (a claim whose status changed leaves its status index). */
  remove(key: TimeIdKey): void {
    const at = this.firstAtOrAbove(key);
    if (at < this.keys.length && compare(this.keys[at]!, key) === 0) this.keys.splice(at, 1);
  }

  /**
   * Ids newest first: strictly older than `before` when given, within `range`. Lazy, so a
   * caller that stops after a page has done work in proportion to the page.
   */
  *newestFirst(before?: TimeIdKey, range?: DateRange): Generator<string> {
    let end = this.keys.length;
    if (before) end = Math.min(end, this.firstAtOrAbove(before));
    if (range) end = Math.min(end, this.endOf(range));
    const start = range ? this.startOf(range) : 0;
    for (let i = end - 1; i >= start; i--) yield this.keys[i]!.id;
  }

  /** How many entries fall within `range` (all of them without one). */
  countIn(range?: DateRange): number {
    if (!range) return this.keys.length;
    return Math.max(0, this.endOf(range) - this.startOf(range));
  }

  /** Index of the first entry at or after the range's lower bound. */
  private startOf(range: DateRange): number {
    let start = 0;
    if (range.gte) start = Math.max(start, this.firstTimeAtOrAbove(range.gte.getTime()));
    if (range.gt) start = Math.max(start, this.firstTimeAtOrAbove(range.gt.getTime() + 1));
    return start;
  }

  /** Index just past the last entry within the range's upper bound. */
  private endOf(range: DateRange): number {
    let end = this.keys.length;
    if (range.lt) end = Math.min(end, this.firstTimeAtOrAbove(range.lt.getTime()));
    if (range.lte) end = Math.min(end, this.firstTimeAtOrAbove(range.lte.getTime() + 1));
    return end;
  }

  private firstTimeAtOrAbove(time: number): number {
    return this.search((key) => key.time >= time);
  }

  private firstAtOrAbove(target: TimeIdKey): number {
    return this.search((key) => compare(key, target) >= 0);
  }

  private firstAbove(target: TimeIdKey): number {
    return this.search((key) => compare(key, target) > 0);
  }

  /** The first index whose key satisfies `atOrPast`, which is monotonic over the order. */
  private search(atOrPast: (key: TimeIdKey) => boolean): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (atOrPast(this.keys[middle]!)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** One OrderedIndex per value of a field (claims by event, by user, by status). */
export class OrderedIndexMap {
  private readonly byValue = new Map<string, OrderedIndex>();

  insert(value: string, key: TimeIdKey): void {
    let index = this.byValue.get(value);
    if (!index) this.byValue.set(value, (index = new OrderedIndex()));
    index.insert(key);
  }

  get(value: string): OrderedIndex | undefined {
    return this.byValue.get(value);
  }

  remove(value: string, key: TimeIdKey): void {
    this.byValue.get(value)?.remove(key);
  }
}
